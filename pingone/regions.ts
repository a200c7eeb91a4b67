/**
 * PingOne's regions and their endpoints: the management API at `https://api.pingone.{suffix}/v1`
 * and the authorization server at `https://auth.pingone.{suffix}/{environmentId}/as`.
 * Source: PingOne Platform API, "PingOne API domains"
 * (https://apidocs.pingidentity.com/pingone/platform/v1/api/#top), and the Go SDK's region model
 * (https://github.com/patrickcping/pingone-go-sdk-v2, pingone/model/region.go).
 */
export const REGION_SUFFIXES = {
  NA: "com",
  EU: "eu",
  CA: "ca",
  AU: "com.au",
  SG: "sg",
  AP: "asia",
} as const;
export type RegionCode = keyof typeof REGION_SUFFIXES;

export function isRegionCode(value: string): value is RegionCode {
  return Object.prototype.hasOwnProperty.call(REGION_SUFFIXES, value);
}

/** The management API base of a region, e.g. `https://api.pingone.eu/v1`. */
export function regionApiUrl(region: RegionCode): string {
  return `https://api.pingone.${REGION_SUFFIXES[region]}/v1`;
}

/** The auth base of a region; the token endpoint is `{authUrl}/{environmentId}/as/token`. */
export function regionAuthUrl(region: RegionCode): string {
  return `https://auth.pingone.${REGION_SUFFIXES[region]}`;
}
