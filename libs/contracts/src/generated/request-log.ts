// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

/** One HTTP request served by the shop web tier. Key: service/route. */
export interface RequestLog {
  event_id: string;
  event_time: number;
  service: string;
  /** Route template, e.g. /products/:id. */
  route: string;
  method: string;
  /** HTTP status code 100-599. */
  status: number;
  response_time_ms: number;
  request_bytes: number;
  response_bytes: number;
  /** Client address or API key id. */
  client_id: string;
  user_id: null | string;
}

export const RequestLogAvroSchema = {
  "type": "record",
  "name": "RequestLog",
  "namespace": "pulse.events",
  "doc": "One HTTP request served by the shop web tier. Key: service/route.",
  "fields": [
    {
      "name": "event_id",
      "type": "string"
    },
    {
      "name": "event_time",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "service",
      "type": "string"
    },
    {
      "name": "route",
      "type": "string",
      "doc": "Route template, e.g. /products/:id."
    },
    {
      "name": "method",
      "type": "string"
    },
    {
      "name": "status",
      "type": "int",
      "doc": "HTTP status code 100-599."
    },
    {
      "name": "response_time_ms",
      "type": "double"
    },
    {
      "name": "request_bytes",
      "type": "long"
    },
    {
      "name": "response_bytes",
      "type": "long"
    },
    {
      "name": "client_id",
      "type": "string",
      "doc": "Client address or API key id."
    },
    {
      "name": "user_id",
      "type": [
        "null",
        "string"
      ],
      "default": null
    }
  ]
};
