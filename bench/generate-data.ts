/** Reference data for the generator: cities (with area codes and division codes) and industries. */

export interface City {
  zh: string;
  en: string;
  /** Province as written in an address (广东省); empty for municipalities. */
  province: string;
  /** Landline area code with its leading 0; empty when we do not know one. */
  areaCode: string;
  /** Six-digit administrative division code used in USCCs. */
  division: string;
}

export interface Industry {
  zh: string;
  en: string;
  /**
   * The words a Taiwan or Hong Kong writer uses for this industry, in traditional script; absent when they
   * are the mainland words (written in traditional characters). Our own list, not taken from a converter.
   */
  tw?: string;
  hk?: string;
}

// The first ten are the big cities customer lists lean on; the generator weights them.
const CITY_ROWS = `
北京 Beijing - 010 110105
上海 Shanghai - 021 310115
深圳 Shenzhen 广东省 0755 440305
广州 Guangzhou 广东省 020 440106
杭州 Hangzhou 浙江省 0571 330106
成都 Chengdu 四川省 028 510107
南京 Nanjing 江苏省 025 320106
武汉 Wuhan 湖北省 027 420106
苏州 Suzhou 江苏省 0512 320505
天津 Tianjin - 022 120116
重庆 Chongqing - 023 500112
西安 Xi'an 陕西省 029 610113
长沙 Changsha 湖南省 0731 430104
郑州 Zhengzhou 河南省 0371 410105
青岛 Qingdao 山东省 0532 370212
济南 Jinan 山东省 0531 370102
厦门 Xiamen 福建省 0592 350203
福州 Fuzhou 福建省 0591 350102
合肥 Hefei 安徽省 0551 340104
宁波 Ningbo 浙江省 0574 330212
东莞 Dongguan 广东省 0769 441900
佛山 Foshan 广东省 0757 440604
沈阳 Shenyang 辽宁省 024 210102
大连 Dalian 辽宁省 0411 210204
哈尔滨 Harbin 黑龙江省 0451 230102
长春 Changchun 吉林省 0431 220102
昆明 Kunming 云南省 0871 530102
南宁 Nanning 广西壮族自治区 0771 450103
贵阳 Guiyang 贵州省 0851 520102
南昌 Nanchang 江西省 0791 360102
石家庄 Shijiazhuang 河北省 0311 130102
太原 Taiyuan 山西省 0351 140105
无锡 Wuxi 江苏省 0510 320214
温州 Wenzhou 浙江省 0577 330302
泉州 Quanzhou 福建省 0595 350503
珠海 Zhuhai 广东省 0756 440402
惠州 Huizhou 广东省 0752 441302
烟台 Yantai 山东省 0535 370613
兰州 Lanzhou 甘肃省 0931 620102
乌鲁木齐 Urumqi 新疆维吾尔自治区 0991 650102
海口 Haikou 海南省 0898 460105
呼和浩特 Hohhot 内蒙古自治区 0471 150102
银川 Yinchuan 宁夏回族自治区 0951 640104
西宁 Xining 青海省 0971 630102
徐州 Xuzhou 江苏省 0516 320302
绍兴 Shaoxing 浙江省 0575 330602
嘉兴 Jiaxing 浙江省 0573 330402
常州 Changzhou 江苏省 0519 320404
南通 Nantong 江苏省 0513 320602
洛阳 Luoyang 河南省 0379 410302
`;

export const CITIES: City[] = CITY_ROWS.trim()
  .split('\n')
  .map((line) => {
    const [zh = '', en = '', province = '', areaCode = '', division = ''] = line.split(' ');
    return { zh, en, province: province === '-' ? '' : province, areaCode, division };
  });

export const INDUSTRIES: Industry[] = [
  ['科技', 'Technology'],
  ['信息技术', 'Information Technology', '資訊技術|資訊科技', '資訊科技'],
  ['网络科技', 'Network Technology', '網路科技'],
  ['贸易', 'Trading'],
  ['电子商务', 'E-commerce'],
  ['医药', 'Pharmaceutical'],
  ['建设工程', 'Construction Engineering'],
  ['文化传媒', 'Culture Media'],
  ['餐饮管理', 'Catering Management'],
  ['物流', 'Logistics'],
  ['电子', 'Electronics'],
  ['机械设备', 'Machinery Equipment'],
  ['食品', 'Food'],
  ['服装', 'Apparel'],
  ['实业', 'Industrial'],
  ['投资管理', 'Investment Management'],
  ['咨询', 'Consulting'],
  ['教育科技', 'Education Technology'],
  ['生物科技', 'Biotechnology'],
  ['新能源', 'New Energy'],
  ['环保科技', 'Environmental Technology'],
  ['汽车服务', 'Automotive Services'],
  ['装饰工程', 'Decoration Engineering'],
  ['供应链管理', 'Supply Chain Management'],
  ['广告', 'Advertising'],
  // Industries whose words differ in Taiwan or Hong Kong.
  ['软件', 'Software', '軟體', '軟件'],
  ['软件开发', 'Software Development', '軟體開發'],
  ['网络技术', 'Network Technology', '網路技術'],
  ['数字科技', 'Digital Technology', '數位科技'],
  ['人工智能', 'Artificial Intelligence', '人工智慧'],
  ['信息安全', 'Information Security', '資訊安全'],
  ['集成电路', 'Integrated Circuit', '積體電路'],
].map(([zh = '', en = '', tw, hk]) => ({
  zh,
  en,
  ...(tw === undefined ? {} : { tw }),
  ...(hk === undefined ? {} : { hk }),
}));
