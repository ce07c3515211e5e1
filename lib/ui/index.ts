export { startTimelineServer, statsOf, TimelineServerError } from './timeline-server';
export type { TimelineServer, TimelineServerOptions, TimelineSource } from './timeline-server';
