import type { Resource } from './en.js';

/** 决策（客户为何得以建立、为何合并）的中文；并入 zh-CN.ts。 */
export const decisionsZh: Pick<Resource, 'decisions' | 'imported'> = {
  decisions: {
    title: '决策记录',
    intro: '此客户如何建立、有哪些客户并入：做出决定的规则及其依据。',
    none: '暂无决策记录',
    openTitle: '决策',
    at: '时间',
    by: '决定人',
    you: '您',
    someone: '其他用户',
    system: '系统，或您无权查看的用户',
    rule: '规则',
    ruleVersion: '第 {{version}} 版',
    evidence: '依据',
    effective: '有效期',
    effectiveRange: '{{from}} 至 {{until}}',
    notApplied: '先行检查但未适用的规则',
    kinds: {
      'account.admission': '准入',
      'account.merge': '合并',
      'import.cluster': '导入分组',
    },
    verdicts: {
      'account.admission': {
        created: '已创建：无相似客户',
        created_despite_possible: '存在相似客户，经确认后创建',
        readmitted: '已修改：仍无相似客户',
        readmitted_despite_possible: '存在相似客户，经确认后修改',
      },
      'account.merge': {
        merged: '已并入重复客户',
        folded: '已并入导入的数据',
      },
      'import.cluster': { needs_review: '留待人工审核' },
    },
    rules: {
      'account.admission': '查重',
      'account.merge.manual': '手工合并',
      'import.row': '导入一组行',
    },
    params: {
      same: '同一客户阈值 {{value}}',
      possible: '疑似重复阈值 {{value}}',
      source: '场景：{{value}}',
    },
    sources: {
      create: '新建',
      import: '导入',
      update: '修改',
      restore: '从归档恢复',
    },
    labels: {
      'match.same': '同一客户',
      'match.possible': '疑似重复',
      'match.different': '不同客户',
      'match.none': '无相似客户',
      'match.same_not_visible': '存在不可见的同一客户',
      'admission.confirmed': '已确认',
      'owner.creator': '负责人',
      'import.rows': '来源',
      'import.row_failed': '导入失败',
      'merge.requested': '申请合并',
    },
    texts: {
      none: '查重未发现相似客户。',
      sameNotVisible: '同一客户已存在，但导入人无权查看；需人工决定。',
      confirmed: '已确认，原因：“{{reason}}”',
      ownerCreator: '建立者：',
      ownerPartner: '及其合作伙伴',
      rowFailed: '这些行未能导入：{{error}}',
      mergeRequested: '原因：“{{reason}}”',
    },
    hidden: '涉及您无权查看的记录，详情不予显示。',
  },
  imported: {
    fromImport: '来自导入 {{name}}',
    fromAnImport: '来自一次导入',
    rows_one: '第 {{rows}} 行',
    rows_other: '第 {{rows}} 行',
  },
};
