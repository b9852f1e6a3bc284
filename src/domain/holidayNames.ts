// The names the calendar gives public holidays and observances, one form per language: English for
// an English reader (in the country's own spelling: "Labor Day" in the US, "Labour Day" elsewhere),
// Simplified Chinese for a Chinese reader (the app speaks zh-CN). date-holidays' own names are a mix:
// its Chinese falls back to English for most countries, is Traditional for Hong Kong, Taiwan and the
// Christian holidays, and sometimes holds two forms at once ("清明节 清明節", "國慶日 / 雙十節"). This
// is the one place that corrects them; a name not listed keeps the library's, with a second form cut off.

export type HolidayName = { en: string; zh: string }

/**
 * Corrections by the library's English name, or by "COUNTRY:English name" where one English name
 * means different days in different countries (Memorial Day, Constitution Day, National Day…).
 * `en` is given only where the library's English is wrong or has two forms.
 */
const corrections: Readonly<Record<string, { en?: string; zh: string }>> = {
  // Shared by several countries
  "New Year's Day": { zh: '元旦' },
  "New Year's Eve": { zh: '新年前夜' },
  'Christmas Eve': { zh: '平安夜' },
  'Christmas Day': { zh: '圣诞节' },
  'Boxing Day': { zh: '节礼日' },
  'Good Friday': { zh: '耶稣受难节' },
  'Easter Sunday': { zh: '复活节' },
  'Easter Monday': { zh: '复活节星期一' },
  'Easter Saturday': { zh: '复活节星期六' },
  "Mother's Day": { zh: '母亲节' },
  "Father's Day": { zh: '父亲节' },
  "Valentine's Day": { zh: '情人节' },
  "St. Patrick's Day": { zh: '圣帕特里克节' },
  'St. Patrick’s Day': { en: "St. Patrick's Day", zh: '圣帕特里克节' },
  Halloween: { zh: '万圣夜' },
  'Labour Day': { zh: '劳动节' },
  "Children's Day": { zh: '儿童节' },
  "International Women's Day": { zh: '国际妇女节' },
  'Ascension Day': { zh: '耶稣升天节' },
  Pentecost: { zh: '圣灵降临节' },
  'Whit Monday': { zh: '圣灵降临节星期一' },
  "All Saints' Day": { zh: '诸圣节' },
  'Dragon Boat Festival': { zh: '端午节' },
  'Mid-Autumn Festival': { zh: '中秋节' },
  'Qingming Festival': { zh: '清明节' },
  "Buddha's Birthday": { zh: '佛诞日' },
  'Youth Day': { zh: '青年节' },
  // China
  'CN:Children\'s Day': { zh: '六一儿童节' },
  'Army Day': { zh: '建军节' },
  'Spring Festival': { zh: '春节' },
  'CN:National Day': { zh: '国庆节' },
  // United States
  'US:Labour Day': { en: 'Labor Day', zh: '劳动节' },
  'Martin Luther King Jr. Day': { zh: '马丁·路德·金纪念日' },
  "Washington's Birthday": { zh: '华盛顿诞辰纪念日' },
  'Tax Day': { zh: '报税日' },
  'Administrative Professionals Day': { zh: '行政人员日' },
  'US:Memorial Day': { zh: '阵亡将士纪念日' },
  Juneteenth: { zh: '六月节' },
  'US:Independence Day': { zh: '独立日' },
  'Columbus Day': { zh: '哥伦布日' },
  'Election Day': { zh: '选举日' },
  'Veterans Day': { zh: '退伍军人节' },
  'Thanksgiving Day': { zh: '感恩节' },
  'Day after Thanksgiving Day': { zh: '感恩节次日' },
  // United Kingdom
  'Early May bank holiday': { zh: '五月初银行假日' },
  'Spring bank holiday': { zh: '春季银行假日' },
  // Japan
  'Coming of Age Day': { zh: '成人节' },
  'Foundation Day': { zh: '建国纪念日' },
  "Emperor's Birthday": { zh: '天皇诞生日' },
  'Spring Equinox Day': { zh: '春分日' },
  'Showa Day': { zh: '昭和日' },
  'JP:Constitution Day': { zh: '宪法纪念日' },
  'Greenery Day': { zh: '绿之日' },
  'Marine Day': { zh: '海之日' },
  'Mountain Day': { zh: '山之日' },
  'Respect-for-the-Aged Day': { zh: '敬老日' },
  "Citizens' Holiday": { zh: '国民休息日' },
  'Autumnal Equinox Day': { zh: '秋分日' },
  'Sports Day': { zh: '体育日' },
  'Culture Day': { zh: '文化日' },
  'Seven-Five-Three Festival': { zh: '七五三节' },
  'Labor Thanksgiving Day': { zh: '勤劳感谢日' },
  // Germany
  "Women's Carnival Day": { zh: '女人狂欢节' },
  'Shrove Monday': { zh: '玫瑰星期一' },
  'Shrove Tuesday': { zh: '忏悔星期二' },
  'Ash Wednesday': { zh: '圣灰星期三' },
  'Maundy Thursday': { zh: '圣周四' },
  'DE:National Holiday': { en: 'German Unity Day', zh: '德国统一日' },
  "All Souls' Day": { zh: '万灵节' },
  'Saint Martin': { zh: '圣马丁节' },
  'DE:Memorial Day': { zh: '国殇纪念日' },
  'Day of Prayer and Repentance': { zh: '忏悔祈祷日' },
  Totensonntag: { zh: '亡人主日' },
  '1. Advent': { zh: '将临期第一主日' },
  '2. Advent': { zh: '将临期第二主日' },
  '3. Advent': { zh: '将临期第三主日' },
  '4. Advent': { zh: '将临期第四主日' },
  // France
  'FR:Victory Day': { zh: '欧战胜利纪念日' },
  'Bastille Day': { zh: '巴士底日' },
  Assumption: { zh: '圣母升天节' },
  'Armistice Day': { zh: '停战纪念日' },
  // Singapore
  'SG:Chinese New Year': { zh: '农历新年' },
  'Hari Raya Puasa': { zh: '开斋节' },
  'Hari Raya Haji': { zh: '哈芝节' },
  'Vesak Day': { zh: '卫塞节' },
  'SG:National Day': { zh: '国庆日' },
  Deepavali: { zh: '屠妖节' },
  // Hong Kong
  'The first day of January': { zh: '一月一日' },
  'Lunar New Year’s Day': { zh: '农历年初一' },
  'The second day of Lunar New Year': { zh: '农历年初二' },
  'The third day of Lunar New Year': { zh: '农历年初三' },
  'The fourth day of Lunar New Year': { zh: '农历年初四' },
  'The day following Good Friday': { zh: '耶稣受难节翌日' },
  'Ching Ming Festival': { zh: '清明节' },
  'The day following Ching Ming Festival': { zh: '清明节翌日' },
  'The day following Easter Monday': { zh: '复活节星期一翌日' },
  'Birthday of the Buddha': { zh: '佛诞' },
  'The day following Birthday of the Buddha': { zh: '佛诞翌日' },
  'Tuen Ng Festival': { zh: '端午节' },
  'The day following Tuen Ng Festival': { zh: '端午节翌日' },
  'Hong Kong Special Administrative Region Establishment Day': { zh: '香港特别行政区成立纪念日' },
  'The day following Hong Kong Special Administrative Region Establishment Day': { zh: '香港特别行政区成立纪念日翌日' },
  'The day following the Chinese Mid-Autumn Festival': { zh: '中秋节翌日' },
  'The second day following the Chinese Mid-Autumn Festival': { zh: '中秋节后第二日' },
  'HK:National Day': { zh: '国庆日' },
  'The day following National Day': { zh: '国庆日翌日' },
  'Chung Yeung Festival': { zh: '重阳节' },
  'The day following Chung Yeung Festival': { zh: '重阳节翌日' },
  'The first weekday after Christmas Day': { zh: '圣诞节后第一个周日' },
  // Taiwan
  'Founding of the Republic of China': { zh: '中华民国开国纪念日' },
  "Farmer's Day": { zh: '农民节' },
  "Chinese New Year's Eve": { zh: '农历除夕' },
  'TW:Chinese New Year': { zh: '农历年初一' },
  'The second day of the Chinese New Year': { zh: '农历年初二' },
  'The third day of the Chinese New Year': { zh: '农历年初三' },
  'The forth day of the Chinese New Year': { en: 'The fourth day of the Chinese New Year', zh: '农历年初四' },
  'Chinese New Year Holiday': { zh: '农历新年假期' },
  'Peace Memorial Day': { zh: '二二八和平纪念日' },
  'Lantern Festival': { zh: '元宵节' },
  'Tourism Day': { zh: '观光节' },
  'Arbor Day': { zh: '植树节' },
  "Earth God's Birthday": { zh: '土地公诞辰' },
  'Tomb Sweeping Day': { zh: '清明节' },
  "Kuan Yin's Birthday": { zh: '观音诞辰' },
  "God of Medicine's Birthday": { zh: '保生大帝诞辰' },
  'Literary Day': { zh: '文艺节' },
  "Matsu's Birthday": { zh: '妈祖诞辰' },
  'Opium Suppression Movement Day': { zh: '禁烟节' },
  "Kuan Kung's Birthday": { zh: '关公诞辰' },
  "Cheng Huang's Birthday": { zh: '城隍爷诞辰' },
  'Qixi Festival': { zh: '七夕' },
  'Ghost Festival': { zh: '中元节' },
  "Journalist' Day": { en: "Journalists' Day", zh: '记者节' },
  'Armed Forces Day': { zh: '军人节' },
  "Teachers' Day": { zh: '教师节' },
  'National Day / Double Tenth Day': { en: 'Double Tenth Day', zh: '双十节' },
  'Double Ninth Festival': { zh: '重阳节' },
  'Overseas Chinese Day': { zh: '华侨节' },
  'Taiwan Retrocession Day': { zh: '台湾光复节' },
  "Sun Yat-sen's Birthday": { zh: '国父诞辰纪念日' },
  'Saisiat Festival': { zh: '赛夏节' },
  'Dongzhi Festival': { zh: '冬至' },
  'TW:Constitution Day': { zh: '行宪纪念日' },
  // South Korea
  'Korean New Year': { zh: '农历新年' },
  'Independence Movement Day': { zh: '三一节' },
  'KR:Memorial Day': { zh: '显忠日' },
  'KR:Constitution Day': { zh: '制宪节' },
  'Liberation Day': { zh: '光复节' },
  'Korean Thanksgiving': { zh: '秋夕' },
  'National Foundation Day': { zh: '开天节' },
  'Hangul Day': { zh: '韩文日' },
  // Australia
  'Australia Day': { zh: '澳大利亚日' },
  'Anzac Day': { zh: '澳新军团日' },
  // Canada
  'Groundhog Day': { zh: '土拨鼠日' },
  'Canada Day': { zh: '加拿大日' },
  'National Day for Truth and Reconciliation': { zh: '全国真相与和解日' },
}

/** The first of two forms: "清明节 清明節" → "清明节", "國慶日 / 雙十節" → "國慶日". */
function oneForm(name: string): string {
  const [first] = name.split(/\s+\/\s+/)
  // Two names of CJK characters side by side, separated by a space, are two forms of one name.
  const cjk = /^([\p{Script=Han}]+)\s+[\p{Script=Han}]+$/u.exec(first!)
  return (cjk ? cjk[1]! : first!).trim()
}

/** A holiday's name in English and Simplified Chinese, from date-holidays' English and Chinese names. */
export function holidayName(country: string, library: HolidayName): HolidayName {
  const correction = corrections[`${country}:${library.en}`] ?? corrections[library.en]
  return {
    en: correction?.en ?? oneForm(library.en),
    zh: correction?.zh ?? oneForm(library.zh),
  }
}
