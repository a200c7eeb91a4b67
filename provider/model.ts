// Transitional: check.ts still reads these names until it moves onto the field table.
import { APPLICATION_FIELDS, rangeOf, type Range } from "../pingone";
export * from "../pingone";
export const DEVICE_PATH_ID_PATTERN = APPLICATION_FIELDS.devicePathId.pattern.regex;
export const MAX_CORS_ORIGINS = APPLICATION_FIELDS["corsSettings.origins"].maxItems;
export const SIGNING_APPLICATION_TYPES = APPLICATION_FIELDS.signing.appTypes;
export const NUMERIC_RANGES = {
  parTimeout: rangeOf("parTimeout"),
  deviceTimeout: rangeOf("deviceTimeout"),
  devicePollingInterval: rangeOf("devicePollingInterval"),
  refreshTokenDuration: rangeOf("refreshTokenDuration"),
  refreshTokenRollingDuration: rangeOf("refreshTokenRollingDuration"),
  refreshTokenRollingGracePeriodDuration: rangeOf("refreshTokenRollingGracePeriodDuration"),
} satisfies Record<string, Range>;
export type NumericField = keyof typeof NUMERIC_RANGES;
