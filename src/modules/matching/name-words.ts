/**
 * Word lists for taking a company name apart. Canonical forms are Chinese so that a Chinese and an English
 * name of one company yield the same industry and legal form.
 */

/** Chinese legal forms are in legal-form.ts, read tolerantly of typos. */

/** Bracketed qualifiers that belong to the legal form: 合伙企业(有限合伙), 有限责任公司(自然人独资). */
export const ZH_LEGAL_QUALIFIER =
  /^(?:有限合伙|普通合伙|特殊普通合伙|[\u4e00-\u9fff]{0,12}(?:独资|合资|控股|投资|合作))$/;

/** English legal-form tokens, stripped from the end of an English name. */
export const EN_LEGAL_TOKENS = new Map<string, string>([
  ['co', '有限公司'],
  ['ltd', '有限公司'],
  ['ltd.', '有限公司'],
  ['coltd', '有限公司'],
  ['limited', '有限公司'],
  ['company', '有限公司'],
  ['llc', '有限公司'],
  ['gmbh', '有限公司'],
  ['inc', '有限公司'],
  ['incorporated', '有限公司'],
  ['corp', '有限公司'],
  ['corporation', '有限公司'],
  ['pte', '有限公司'],
  ['pty', '有限公司'],
  ['plc', '股份有限公司'],
  ['sa', '股份有限公司'],
  ['ag', '股份有限公司'],
  ['bv', '有限公司'],
  ['lp', '合伙企业'],
  ['llp', '合伙企业'],
  ['group', '集团有限公司'],
]);

/** Chinese industry words, matched at the end of the name core (longest first). */
const ZH_INDUSTRY = `
科技 技术 信息技术 信息科技 网络 网络科技 网络技术 信息 电子 电子商务 电子科技 软件 计算机 计算机系统 数据 大数据 云计算
人工智能 智能 通信 通讯 通信技术 互联网 数码 贸易 商贸 国际贸易 进出口 实业 发展 投资 控股 投资管理 资产管理 管理 企业管理
咨询 管理咨询 服务 商务 文化 文化传播 传媒 文化传媒 广告 教育 教育科技 培训 餐饮 餐饮管理 物流 供应链 供应链管理 机械 设备
机电 制造 工业 食品 服装 服饰 建材 装饰 装饰工程 建设 工程 建设工程 建筑 建筑工程 房地产 房地产开发 置业 物业 物业管理 汽车
汽车销售 汽车服务 生物 生物科技 生物技术 新能源 能源 环保 环保科技 环境 化工 材料 新材料 农业 农业科技 电器 电气 印刷 包装 家具
医药 药业 制药 医疗 医疗器械 器械 健康 健康管理 酒店 旅游 体育 影视 娱乐 游戏 互动娱乐 人力资源 劳务 营销 策划 设计 园林
绿化 安装 五金 纺织 塑料 钢铁 金属 矿业 石油 燃气 电力 光电 照明 仪器 仪表 自动化 金融 金融服务 保险 证券 银行 基金 商业 国际
`
  .split(/\s+/)
  .filter(Boolean);
export const ZH_INDUSTRY_WORDS = new Set(ZH_INDUSTRY);
export const ZH_INDUSTRY_MAX = Math.max(...ZH_INDUSTRY.map((w) => w.length));

/** English industry phrases → canonical Chinese industry word(s); matched at the end, longest first. */
const EN_INDUSTRY: [string, string][] = [
  ['science and technology', '科技'],
  ['science technology', '科技'],
  ['sci tech', '科技'],
  ['hi tech', '科技'],
  ['high tech', '科技'],
  ['technology', '科技'],
  ['technologies', '科技'],
  ['tech', '科技'],
  ['information technology', '信息技术'],
  ['information', '信息'],
  ['network technology', '网络科技'],
  ['network', '网络'],
  ['networks', '网络'],
  ['internet', '互联网'],
  ['e commerce', '电子商务'],
  ['ecommerce', '电子商务'],
  ['electronic commerce', '电子商务'],
  ['electronics', '电子'],
  ['electronic', '电子'],
  ['software', '软件'],
  ['computer system', '计算机系统'],
  ['computer systems', '计算机系统'],
  ['computer', '计算机'],
  ['big data', '大数据'],
  ['data', '数据'],
  ['cloud computing', '云计算'],
  ['artificial intelligence', '人工智能'],
  ['intelligent', '智能'],
  ['smart', '智能'],
  ['communication', '通信'],
  ['communications', '通信'],
  ['telecom', '通信'],
  ['digital', '数码'],
  ['trading', '贸易'],
  ['trade', '贸易'],
  ['commerce', '商贸'],
  ['commercial', '商贸'],
  ['international trade', '国际贸易'],
  ['import and export', '进出口'],
  ['import & export', '进出口'],
  ['import export', '进出口'],
  ['industrial', '实业'],
  ['industry', '实业'],
  ['industries', '实业'],
  ['development', '发展'],
  ['investment', '投资'],
  ['holding', '控股'],
  ['holdings', '控股'],
  ['asset management', '资产管理'],
  ['management', '管理'],
  ['consulting', '咨询'],
  ['consultancy', '咨询'],
  ['service', '服务'],
  ['services', '服务'],
  ['culture', '文化'],
  ['cultural', '文化'],
  ['media', '传媒'],
  ['advertising', '广告'],
  ['education', '教育'],
  ['catering', '餐饮'],
  ['logistics', '物流'],
  ['supply chain', '供应链'],
  ['machinery', '机械'],
  ['equipment', '设备'],
  ['manufacturing', '制造'],
  ['food', '食品'],
  ['foods', '食品'],
  ['apparel', '服装'],
  ['garment', '服装'],
  ['building materials', '建材'],
  ['decoration', '装饰'],
  ['construction engineering', '建设工程'],
  ['construction', '建设'],
  ['engineering', '工程'],
  ['architecture', '建筑'],
  ['real estate', '房地产'],
  ['property', '置业'],
  ['properties', '置业'],
  ['automobile', '汽车'],
  ['automotive', '汽车'],
  ['auto', '汽车'],
  ['biotechnology', '生物科技'],
  ['biotech', '生物科技'],
  ['biological', '生物'],
  ['new energy', '新能源'],
  ['energy', '能源'],
  ['environmental protection', '环保'],
  ['environmental', '环保'],
  ['chemical', '化工'],
  ['chemicals', '化工'],
  ['new materials', '新材料'],
  ['materials', '材料'],
  ['agriculture', '农业'],
  ['agricultural', '农业'],
  ['electric', '电气'],
  ['electrical', '电气'],
  ['appliance', '电器'],
  ['appliances', '电器'],
  ['printing', '印刷'],
  ['packaging', '包装'],
  ['furniture', '家具'],
  ['pharmaceutical', '医药'],
  ['pharmaceuticals', '医药'],
  ['pharma', '医药'],
  ['medical', '医疗'],
  ['medical devices', '医疗器械'],
  ['medical equipment', '医疗器械'],
  ['health', '健康'],
  ['healthcare', '健康'],
  ['hotel', '酒店'],
  ['hotels', '酒店'],
  ['tourism', '旅游'],
  ['travel', '旅游'],
  ['sports', '体育'],
  ['film', '影视'],
  ['film and television', '影视'],
  ['entertainment', '娱乐'],
  ['games', '游戏'],
  ['gaming', '游戏'],
  ['human resources', '人力资源'],
  ['marketing', '营销'],
  ['design', '设计'],
  ['hardware', '五金'],
  ['textile', '纺织'],
  ['textiles', '纺织'],
  ['plastics', '塑料'],
  ['steel', '钢铁'],
  ['metals', '金属'],
  ['mining', '矿业'],
  ['petroleum', '石油'],
  ['gas', '燃气'],
  ['power', '电力'],
  ['optoelectronics', '光电'],
  ['lighting', '照明'],
  ['instruments', '仪器'],
  ['automation', '自动化'],
  ['financial', '金融'],
  ['finance', '金融'],
  ['insurance', '保险'],
  ['securities', '证券'],
  ['bank', '银行'],
  ['fund', '基金'],
  ['international', '国际'],
];
export const EN_INDUSTRY_PHRASES = new Map(EN_INDUSTRY.map(([phrase, zh]) => [phrase, zh]));
export const EN_INDUSTRY_MAX_TOKENS = Math.max(...EN_INDUSTRY.map(([p]) => p.split(' ').length));

/** Branch markers at the end of a Chinese name. */
export const ZH_BRANCH = /(分公司|分店|分部|办事处|代表处|营业部|分厂|支公司|分行|支行|分所|分校|分中心)$/;
/** English branch markers, last tokens of a name. */
export const EN_BRANCH_TOKENS = new Set(['branch', 'office', 'representative']);
