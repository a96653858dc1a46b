import type { listEn } from './en.list.js';
import type { Resource } from './en.js';

type ListTexts = { [K in keyof typeof listEn]: Resource[K] };

/** 客户列表（筛选、批量操作）、导出与地区/行业选择的文字。 */
export const listZh: ListTexts = {
  customerList: {
    region: '地区',
    industry: '行业',
    team: '团队',
    tag: '标签',
    created: '创建时间',
    createdFrom: '创建起始',
    createdTo: '创建截止',
    anyRegion: '全部地区',
    anyIndustry: '全部行业',
    anyTeam: '全部团队',
    anyTag: '标签',
    clearFilters: '清除筛选',
    selected_one: '已选 {{count}} 个客户',
    selected_other: '已选 {{count}} 个客户',
    clearSelection: '取消选择',
    archive: '归档',
    archiveTitle_one: '归档 {{count}} 个客户',
    archiveTitle_other: '归档 {{count}} 个客户',
    archiveHelp: '归档的客户不再出现在列表和查重中，可在客户详情页逐个恢复。',
    archiveReason: '原因',
    archived_one: '已归档 {{count}} 个客户',
    archived_other: '已归档 {{count}} 个客户',
    refusedTitle_one: '{{count}} 个客户未归档',
    refusedTitle_other: '{{count}} 个客户未归档',
    refusals: {
      not_visible: '不存在，或不在您的可见范围内',
      not_allowed: '当前状态（{{status}}）不能归档',
      already_archived: '已归档',
      read_only: '您是协作人，只有负责人一方可以归档',
    },
  },
  exporting: {
    export: '导出',
    xlsx: 'Excel（XLSX）',
    csv: 'CSV',
    started: '开始下载',
  },
  places: {
    regionPlaceholder: '省 / 市 / 区县',
    industryPlaceholder: '按名称或代码搜索',
    regionCode: '地区',
    industryCode: '行业',
    regionHelp: '选择省、市或区县。',
    industryHelp: '国民经济行业分类（GB/T 4754）大类。',
    freeText: '原文本：{{text}}',
  },
};
