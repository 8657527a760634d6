/**
 * logweave/transports: destinations that ship lines to a central collector from a worker thread.
 *
 * This module only re-exports.
 */
export { syslogTransport, type SyslogTransportOptions } from "./syslog.js";
export { otlpTransport, type OtlpTransportOptions, type OtlpTransportDestination, type OtlpTransportStatus } from "./otlp.js";
export type { TransportDestination, TransportOptions } from "./transport.js";
export type { SyslogFacility } from "./syslog-message.js";
