/** The staging labels of the Secrets Manager rotation protocol that a rotation moves. */
export type RotationStage = 'AWSCURRENT' | 'AWSPENDING';

/**
 * One secret's versions as a rotation function sees them: Secrets Manager
 * starts a rotation by labelling a new version id AWSPENDING, then calls the
 * function once per step with that id.
 */
export interface RotatingSecret {
  /** Whether rotation is on, and the stages of every version by version id. */
  versions(): Promise<{ rotationEnabled: boolean; stages: Readonly<Record<string, readonly string[]>> }>;
  /** The value of a version at a stage; undefined when that version holds no value yet. */
  value(versionId: string, stage: RotationStage): Promise<string | undefined>;
  /** Stores `value` as the version `versionId`, labelled AWSPENDING. */
  putPending(versionId: string, value: string): Promise<void>;
  /** Moves AWSCURRENT from `from` to `to` (Secrets Manager labels `from` AWSPREVIOUS). */
  makeCurrent(to: string, from: string | undefined): Promise<void>;
}

/** Where the origin secret is used: the header CloudFront adds to the requests it forwards. */
export interface OriginHeaderTarget {
  /** The value CloudFront is configured to send; undefined when no origin sends the header. */
  headerValue(): Promise<string | undefined>;
  /** Configures CloudFront to send `value` from now on (its edges take minutes to follow). */
  setHeaderValue(value: string): Promise<void>;
}
