import type {
  caseAuditActionsEn,
  caseAuditTypesEn,
  caseDecisionKindsEn,
  caseErrorsEn,
  caseEvidenceLabelsEn,
  caseNoticesEn,
  caseRulesEn,
  casesEn,
  caseVerdictsEn,
} from './en.cases.js';

/** 冲突仲裁的中文文本：审计、决策、通知、错误与页面。 */
export const caseAuditActionsZh: typeof caseAuditActionsEn = {
  'case.opened': '冲突仲裁已立案',
  'case.taken_up': '冲突仲裁已受理',
  'case.escalated': '冲突仲裁已升级',
  'case.decided': '冲突仲裁已裁定',
  'case.withdrawn': '冲突仲裁已撤回',
  'case.settings_updated': '冲突仲裁时限已修改',
};

export const caseAuditTypesZh: typeof caseAuditTypesEn = { case: '冲突仲裁' };

export const caseDecisionKindsZh: typeof caseDecisionKindsEn = { 'case.decision': '冲突仲裁裁定' };

export const caseVerdictsZh: typeof caseVerdictsEn = {
  'case.decision': {
    partner_wins: '报备伙伴获得客户',
    direct_wins: '现归属方保留客户',
    dismissed: '驳回：不作变更',
  },
};

export const caseRulesZh: typeof caseRulesEn = { 'case.arbitration': '渠道仲裁' };

export const caseEvidenceLabelsZh: typeof caseEvidenceLabelsEn = {
  'case.opened': '立案',
  'case.outcome': '裁定结果与理由',
};

export const caseNoticesZh: typeof caseNoticesEn = {
  'case.opened': '您参与的一起冲突仲裁已立案。',
  'case.escalated': '一起冲突仲裁已超时，已升级给您。',
  'case.decided': '您参与的一起冲突仲裁已裁定。',
};

export const caseErrorsZh: typeof caseErrorsEn = {
  CASE_OPEN: '该报备已有进行中的仲裁。',
  CASE_CLOSED: '该仲裁已裁定或已撤回。',
  CASE_NOT_DISPUTABLE: '该报备的拒绝结果目前不能申诉。',
};

export const casesZh: typeof casesEn = {
  title: '冲突仲裁',
  mine: '我的仲裁',
  intro:
    '报备与直销客户或其他占有冲突、或伙伴对拒绝提出申诉时，系统立案并保存双方证据；由渠道经理说明理由后裁定。',
  partnerIntro: '您的申诉以及您的报备所涉及的仲裁。您只能看到己方情况与裁定结果。',
  empty: '暂无仲裁',
  filters: { open: '进行中', overdue: '已超时', all: '全部' },
  statuses: {
    open: '待受理',
    under_review: '审理中',
    decided: '已裁定',
    withdrawn: '已撤回',
  },
  kinds: {
    collision: '报备冲突',
    dispute: '伙伴申诉',
    raised: '渠道发起',
  },
  outcomes: {
    partner_wins: '报备伙伴获得客户',
    direct_wins: '现归属方保留客户',
    dismissed: '驳回：不作变更',
  },
  sides: {
    claimant: '报备方',
    holder: '现归属方',
    yours: '己方',
  },
  sideTypes: {
    registration: '商机报备',
    direct: '直销',
    partner_hold: '伙伴客户',
  },
  timeline: {
    opened: '立案',
    taken_up: '已受理',
    escalated: '超时升级',
    decided: '已裁定',
    withdrawn: '已撤回',
  },
  fields: {
    partner: '伙伴',
    owner: '直销负责人',
    customer: '客户',
    registration: '报备',
    createdAt: '起草时间',
    submittedAt: '提交时间',
    decidedAt: '决定时间',
    holdsSince: '占有客户起始',
    protectedUntil: '保护期至',
    amount: '商机金额',
    refusal: '拒绝原因',
    followUps: '跟进',
    quotes: '报价',
    activity: '{{count}} 次（最近 {{last}}）',
    noActivity: '无',
    reason: '立案理由',
    decisionReason: '裁定理由',
    match: '匹配决策',
    openMatch: '查看匹配决策',
    openDecision: '查看裁定决策',
  },
  due: {
    respondBy: '首次响应期限',
    decideBy: '裁定期限',
    left: '剩余 {{time}}',
    overdue: '已超时 {{time}}',
    escalated: '{{at}} 已升级',
  },
  hours: '{{count}} 小时',
  minutes: '{{count}} 分钟',
  days: '{{count}} 天',
  noOtherSide: '本案未记录另一方。',
  open: '查看',
  back: '全部仲裁',
  takeUp: '受理',
  takenUp: '已受理',
  decide: '裁定',
  decideTitle: '裁定本案',
  outcome: '裁定结果',
  outcomeRequired: '请选择裁定结果',
  decisionReasonHelp: '双方都会看到此理由与结果：请勿写出另一方的名称。',
  decided: '已裁定',
  withdraw: '撤回',
  withdrawConfirm: '撤回本案？拒绝结果维持不变。',
  withdrawn: '已撤回',
  dispute: '申诉拒绝',
  disputeTitle: '对报备被拒提出申诉',
  disputeRegistration: '被拒的报备',
  disputeReason: '申诉理由',
  disputeReasonHelp: '渠道经理会结合报备证据阅读此理由。',
  disputed: '申诉已提交',
  noRefused: '您没有可申诉的被拒报备。',
  sla: '时限',
  progress: '进度',
  evidence: {
    opened: '{{kind}}，立案于 {{at}}；拒绝原因：{{refusal}}',
    outcome: '{{outcome}}。理由：{{reason}}',
  },
};
