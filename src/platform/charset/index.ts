export {
  type CharsetChoice,
  CharsetRefused,
  type CharsetSample,
  type ChooseOptions,
  charsetName,
  charsetNotice,
  charsetOfContentType,
  chooseCharset,
  declaredCharset,
  TEXT_CHARSETS,
  type TextCharset,
} from './charset.js';
export { type DecodedText, decodeBuffer, decodeText } from './stream.js';
