import { commissionErrorsZh } from './zh-CN.commission.js';
import { caseErrorsZh } from './zh-CN.cases.js';
import { commissionExtraErrorsZh } from './zh-CN.commissionExtras.js';
import { creditErrorsZh } from './zh-CN.transactions.js';
import type { errorCodesEn, errorDetailsEn } from './en.errors.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** 每个服务器错误码的中文；键与 en.errors.ts 一致（由类型检查）。 */
export const errorCodesZh: Strings<typeof errorCodesEn> = {
  VALIDATION_FAILED: '请检查标出的字段。',
  UNAUTHENTICATED: '请重新登录。',
  INVALID_CREDENTIALS: '登录名或密码不正确。',
  FORBIDDEN: '您没有权限执行此操作。',
  NOT_FOUND: '未找到，可能已被删除。',
  CONFLICT: '与现有数据冲突。',
  DUPLICATE_ACCOUNT: '该客户已存在。',
  POSSIBLE_DUPLICATE: '存在相似客户；如需继续，请填写原因确认。',
  LOGIN_TAKEN: '该登录名已被其他用户使用。',
  TEAM_NAME_TAKEN: '此处已有同名团队。',
  TEAM_NOT_EMPTY: '该团队仍有成员或子团队，请先移走。',
  ACCOUNT_NOT_ACTIVE: '该客户已归档或已并入其他客户，不能修改。',
  MERGE_NOT_REVERSIBLE: '无法撤销此合并：之后的变更依赖于它。',
  ACCESS_REQUEST_OPEN: '您已就该客户提出过申请，该申请仍在处理中。',
  ACCESS_REQUEST_CLOSED: '该申请已被处理或已撤回。',
  ACCOUNT_READ_ONLY:
    '您是该客户的协作人，只能查看：客户资料和联系人由负责人一方修改，只读协作人也不能登记跟进。',
  ACCESS_REQUEST_SUPERSEDED:
    '该客户的另一项申请已先获批准，客户在此申请提出后已转移。请拒绝此申请，或让申请人重新申请。',
  ALREADY_CLAIMED: '该客户已被他人抢先领取，不在公海中了。',
  CLAIM_LIMIT: '您已达到领取或持有客户的上限。',
  CLAIM_COOLDOWN: '您刚释放过该客户，冷却期内不能再次领取。',
  POOL_EMBARGO: '该客户刚进入公海，稍后才能领取。',
  POOL_PRIORITY_WINDOW: '目前仅排名靠前的成员可以领取该客户，请稍后再试。',
  NOT_POOL_MEMBER: '您不是该公海的成员。',
  USER_HOLDS_CUSTOMERS: '该用户仍持有客户，请先完成交接。',
  OPPORTUNITY_CLOSED: '该商机已赢单或输单。',
  REGISTRATION_WRONG_STATE: '报备不处于此操作所需的状态，请刷新页面。',
  REGISTRATION_APPROVED_BY_YOU: '您已审批过此报备的上一步，下一步须由其他审批人审批。',
  ATTACHMENT_LIMIT: '此报备的附件已达上限，请先删除一个。',
  ATTACHMENT_QUOTA: '贵公司的附件已用满允许的空间，请删除不再需要的草稿中的文件。',
  QUOTE_WRONG_STATE: '报价不处于此操作所需的状态，请刷新页面。',
  PRODUCT_CODE_TAKEN: '已有产品或产品线使用此编码。',
  IMPORT_WRONG_STATE: '导入不处于此操作所需的步骤，请刷新页面。',
  UNPROCESSABLE: '无法执行此操作。',
  RATE_LIMITED: '尝试次数过多，请稍后再试。',
  PAYLOAD_TOO_LARGE: '一次发送的数据过多。',
  UNSUPPORTED_MEDIA_TYPE: '服务器不接受该请求格式。',
  PASSWORD_CHANGE_REQUIRED: '您的密码是他人设置的，请先设置自己的密码。',
  CONTENTION: '其他人正在修改相同的记录，请稍后再试。',
  RULE_SET_NOT_DRAFT: '该版本已发布或已停用，不能修改；请新建草稿。',
  RULE_SET_NOT_LIVE: '对现有客户应用规则已停止：已有更新的版本生效。',
  PARTNER_EXISTS: '该公司已是渠道伙伴。',
  PARTNER_TRANSITION_INVALID: '伙伴当前状态不能转为该状态。',
  PARTNER_CHECKLIST_INCOMPLETE: '入驻清单中仍有必需项未完成。',
  PARTNER_NOT_ACTIVE: '伙伴未处于合作状态，无法执行此操作。',
  PARTNER_INACTIVE: '您所属的伙伴已暂停或终止合作，暂时无法操作。',
  PARTNER_REGISTRATION_SUSPENDED: '该伙伴的报备权限已暂停。',
  PRICE_OVERLAP: '该产品在此币种和等级下已有价格覆盖其中部分日期。',
  NO_PRICE: '该产品在此币种下于该日期没有有效价格。',
  TERRITORY_MODEL_NOT_DRAFT: '该区域版本已生效或已停用，不能修改；请新建草稿。',
  TERRITORY_CODE_TAKEN: '此版本中已有使用该编码的区域。',
  TERRITORY_IN_USE: '该区域下仍有子区域或授权。',
  EXCLUSIVE_CONFLICT: '与另一方的授权重叠，且其中一方为独家授权。',
  OUTSIDE_TERRITORY: '超出该伙伴的授权区域。',
  ...caseErrorsZh,
  ...commissionExtraErrorsZh,
  ...creditErrorsZh,
  ...commissionErrorsZh,
  INTERNAL: '服务器出错，已记录日志，请重试。',
};

export const errorDetailsZh: Strings<typeof errorDetailsEn> = {
  NETWORK: '无法连接服务器，请检查网络。',
  HTTP_ERROR: '请求失败。',
  forbiddenPermission: '此操作需要“{{permission}}”权限。',
  forbiddenRole: '您不能分配或修改“{{role}}”角色。',
  rateLimitedRetry: '尝试次数过多，请在 {{time}}后重试。',
  contentionRetry: '其他人正在修改相同的记录，请在 {{time}}后重试。',
  loginTaken: '登录名“{{login}}”已被其他用户使用。',
  teamNameTaken: '此处已有名为“{{name}}”的团队。',
  teamNotEmpty: '请先将该团队的成员（{{members}}）和子团队（{{children}}）移走。',
  accountNotActive: {
    active: '该客户已处于正常状态。',
    archived: '该客户已归档，请先恢复。',
    merged: '该客户已并入其他客户，请在那个客户上操作。',
    gone: '该客户已不存在。',
  },
  mergeNotReversible: {
    already_unmerged: '此合并已被撤销。',
    survivor_merged: '保留的客户此后又被并入其他客户。请先在其并入的客户上撤销那次合并。',
    survivor_archived: '保留的客户此后已归档，请先恢复它。',
    merged_changed: '被合并的客户此后有变动，无法撤销此合并。',
  },
  importWrongState: '导入当前为“{{status}}”，此操作需要“{{expected}}”。请刷新页面。',
  fieldProblem: '{{field}}：{{problem}}',
  poolPriorityWindow:
    '{{until}} 前，仅上月{{measure}}排名第 {{rankNeeded}} 名及以内的成员可领取该客户；您排名第 {{rank}} 名（共 {{members}} 人）。',
};
