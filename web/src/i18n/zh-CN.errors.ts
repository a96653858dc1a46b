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
  ALREADY_CLAIMED: '该客户已被他人抢先领取，不在公海中了。',
  CLAIM_LIMIT: '您已达到领取或持有客户的上限。',
  CLAIM_COOLDOWN: '您刚释放过该客户，冷却期内不能再次领取。',
  POOL_EMBARGO: '该客户刚进入公海，稍后才能领取。',
  NOT_POOL_MEMBER: '您不是该公海的成员。',
  USER_HOLDS_CUSTOMERS: '该用户仍持有客户，请先完成交接。',
  IMPORT_WRONG_STATE: '导入不处于此操作所需的步骤，请刷新页面。',
  UNPROCESSABLE: '无法执行此操作。',
  RATE_LIMITED: '尝试次数过多，请稍后再试。',
  PAYLOAD_TOO_LARGE: '一次发送的数据过多。',
  UNSUPPORTED_MEDIA_TYPE: '服务器不接受该请求格式。',
  PASSWORD_CHANGE_REQUIRED: '您的密码是他人设置的，请先设置自己的密码。',
  CONTENTION: '其他人正在修改相同的记录，请稍后再试。',
  RULE_SET_NOT_DRAFT: '该版本已发布或已停用，不能修改；请新建草稿。',
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
};
