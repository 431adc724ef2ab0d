/** A resource as read or written, with the ETag to send back as If-Match. */
export interface Versioned<T> {
  value: T;
  /** Undefined where the server sent none. */
  etag: string | undefined;
}
