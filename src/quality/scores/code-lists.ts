/**
 * National standard code lists that an information item holds by its name (the national catalog
 * names these items alike in every department): a value must be a code of the list, or the name
 * the list gives the code. The lists are the standards' own.
 */

export interface CodeList {
  /** The item names that hold this list. */
  names: RegExp;
  /** The standard, as the score page names it. */
  standard: string;
  codes: ReadonlyMap<string, string>;
}

/** GB/T 2261.1-2003 人的性别代码. */
const SEX: [string, string][] = [
  ['0', '未知的性别'],
  ['1', '男性'],
  ['2', '女性'],
  ['9', '未说明的性别'],
];

/** GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码 (01–56), and its 97 and 98. */
const ETHNIC_NAMES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
];
const ETHNIC: [string, string][] = [
  ...ETHNIC_NAMES.map((name, i): [string, string] => [String(i + 1).padStart(2, '0'), name]),
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
];

export const CODE_LISTS: readonly CodeList[] = [
  { names: /^性别(代码)?$/, standard: 'GB/T 2261.1', codes: new Map(SEX) },
  { names: /^民族(代码)?$/, standard: 'GB/T 3304', codes: new Map(ETHNIC) },
];

/** The code list an item holds by its name, if any. */
export function codeListOf(item: string): CodeList | undefined {
  return CODE_LISTS.find((list) => list.names.test(item.trim()));
}

/** Whether a value is a code of the list or a name it gives (性别 also as 男 / 女). */
export function inCodeList(list: CodeList, value: string): boolean {
  const text = value.trim();
  if (list.codes.has(text)) return true;
  for (const name of list.codes.values())
    if (name === text || (name.endsWith('性') && name.slice(0, -1) === text)) return true;
  return false;
}

/** The province-level codes of GB/T 2260 行政区划代码 (the first two digits of every code). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Whether a value has the form of a GB/T 2260 行政区划代码: six digits under a province that exists. */
export function isDivisionCode(value: string): boolean {
  const text = value.trim();
  return /^\d{6}$/.test(text) && PROVINCES.has(text.slice(0, 2));
}
