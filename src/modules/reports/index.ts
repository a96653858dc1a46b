export { reportRoutes } from './reports.routes.js';
export { channelReport, checkChannelFilter } from './channel.service.js';
export type { ChannelReportQuery, Scorecard } from './channel.schema.js';
