import { dec, decString, type Decimal } from '../shared/decimal.js';

/** numeric columns arrive as strings from both drivers; money stays decimal end to end. */
export const toDec = (value: string | null | undefined): Decimal => dec(value ?? '0');
export const toDecOrNull = (value: string | null | undefined): Decimal | null => (value === null || value === undefined ? null : dec(value));
export const toNumeric = (value: Decimal): string => decString(value);
