/** An artifact that must not be served: wrong checksum, truncated, undecodable or failing its smoke test. */
export class RejectedArtifactError extends Error {
  constructor(
    readonly model: string,
    readonly version: string,
    readonly reason: 'checksum' | 'truncated' | 'inconsistent' | 'undecodable' | 'smoke-test' | 'unknown-family',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Rejected ${model} ${version} (${reason}): ${message}`, options);
    this.name = 'RejectedArtifactError';
  }
}
