export {MAX_SAFE_CENTS, centsToDecimal, formatMoney, parseMoney, toCents} from './money';
export type {MoneyFormatOptions, ParseMoneyOptions, ParseMoneyResult, SignDisplay} from './money';
export {formatDate, formatDateTime, formatMonth, formatRelative, parseISODate} from './date';
export type {CalendarDate, DateTimeOptions} from './date';
