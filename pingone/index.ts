/**
 * PingOne's facts: the field table, enumerations, wire types, regions, secret rotation, endpoints,
 * media types, error codes and the flow API's statuses. No Pulumi and no HTTP
 * here: the provider, the emulator and the policy pack all stand on this floor.
 */
export * from "./enums";
export * from "./fields";
export * from "./regions";
export * from "./secret";
export * from "./wire";
export * from "./grants";
export * from "./sign-on-policies";
export * from "./endpoints";
export * from "./media-types";
export * from "./error-codes";
export * from "./flows";
export * from "./saml";
