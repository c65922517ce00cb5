/**
 * Personal names where the text itself says a name comes: after a greeting ("Hi Johnathan,", "Hola María",
 * "مرحبا أحمد،"), a title ("Mr. Smith", "Frau Schmidt", "آقای رضایی", "王先生"), a self-introduction ("my name
 * is …", "je m'appelle …", "我叫…") or a sign-off at the end of a line ("Thanks,\nJohn Smith"). Names
 * anywhere else are left to the analysis' own guard (themes keep only words many customers use).
 */
import { cueDetector, cuePattern, emitGroup, phrasesPattern, type Detector, type Emit } from './detector';

const GREETINGS = [
  'hi', 'hello', 'hey', 'hiya', 'howdy', 'dear', 'good morning', 'good afternoon', 'good evening', 'greetings',
  'hola', 'estimado', 'estimada', 'querido', 'querida', 'buenos días', 'buenos dias', 'buenas tardes', 'buenas noches',
  'bonjour', 'bonsoir', 'salut', 'cher', 'chère', 'coucou',
  'hallo', 'liebe', 'lieber', 'liebes', 'sehr geehrte', 'sehr geehrter', 'guten tag', 'guten morgen', 'guten abend', 'moin', 'servus',
  'olá', 'ola', 'oi', 'prezado', 'prezada', 'caro', 'cara', 'bom dia', 'boa tarde', 'boa noite',
  'ciao', 'salve', 'gentile', 'buongiorno', 'buonasera', 'egregio', 'egregia',
  'hoi', 'beste', 'geachte', 'dag', 'goedemorgen', 'goedemiddag', 'goedenavond',
];
const TITLES = [
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'señor', 'señora', 'señorita', 'sr', 'sra', 'srta', 'don', 'doña',
  'monsieur', 'madame', 'mademoiselle', 'mme', 'mlle', 'herr', 'frau', 'signor', 'signora', 'signorina', 'sig', 'dott',
  'senhor', 'senhora', 'dhr', 'mevr', 'mevrouw', 'meneer',
];
const SIGN_OFFS = [
  'thanks', 'thank you', 'thx', 'ty', 'many thanks', 'regards', 'kind regards', 'best regards', 'warm regards', 'best wishes', 'best', 'cheers',
  'sincerely', 'yours sincerely', 'yours truly', 'yours', 'respectfully', 'all the best', 'take care', 'br', 'rgds',
  'saludos', 'un saludo', 'saludos cordiales', 'atentamente', 'cordialmente', 'gracias', 'muchas gracias', 'un abrazo',
  'cordialement', 'bien à vous', 'bien cordialement', 'merci', 'merci beaucoup', 'salutations', 'sincères salutations', 'amicalement',
  'grüße', 'gruß', 'viele grüße', 'beste grüße', 'liebe grüße', 'freundliche grüße', 'mit freundlichen grüßen', 'herzliche grüße', 'mfg', 'lg', 'vg', 'danke', 'vielen dank',
  'obrigado', 'obrigada', 'atenciosamente', 'cumprimentos', 'saudações', 'abraço', 'abraços', 'att',
  'grazie', 'grazie mille', 'saluti', 'cordiali saluti', 'distinti saluti', 'un saluto',
  'groeten', 'met vriendelijke groet', 'met vriendelijke groeten', 'vriendelijke groet', 'vriendelijke groeten', 'hartelijke groet', 'mvg', 'groetjes', 'bedankt', 'dank je', 'dank je wel', 'dank u', 'dank u wel',
];
const INTRODUCTIONS = [
  'my name is', "my name's", 'name:', 'me llamo', 'mi nombre es', 'nombre:', "je m'appelle", 'mon nom est', 'nom:', 'ich heiße', 'ich heisse', 'mein name ist',
  'meu nome é', 'me chamo', 'nome:', 'mi chiamo', 'il mio nome è', 'mijn naam is', 'ik heet', 'naam:',
];
/** Capitalised words that follow greetings and sign-offs without being names. */
const NOT_NAMES = new Set(
  `there all everyone everybody guys folks team support again sir madam friend friends customer client agent you y'all world anyone someone people
  both ok okay yes no please thanks thank i i'm i've i'd we it it's this that the my our so and just hello hi dear good morning afternoon evening day
  help helpdesk service services sales billing admin staff can could would will is are do does did have has how what when where why who which here
  sorry quick question regarding re about not still hope a an in on for from to with at as of by
  equipo todos soporte amigo amigos señor señora buenas buenos quisiera tengo necesito estimados
  équipe tous madame monsieur je j'ai nous merci
  zusammen alle damen herren kundenservice kundendienst leute ich wir sie
  equipa pessoal suporte gostaria eu
  tutti assistenza supporto ragazzi vorrei io
  allemaal allen iedereen klantenservice jongens ik wij`.split(/\s+/),
);

/** "Jo", "Jean-Pierre", "McDonald", "O'Brien", "JOHN", or an initial "J.". */
const NAME_WORD = "\\p{Lu}{2,}(?:['’-]\\p{Lu}+)*(?![\\p{Ll}])|\\p{Lu}[\\p{Ll}\\p{M}]+(?:['’-]\\p{Lu}?[\\p{Ll}\\p{M}]+|\\p{Lu}[\\p{Ll}\\p{M}]+)*|\\p{Lu}['’]\\p{Lu}[\\p{Ll}\\p{M}]+|\\p{Lu}\\.";
const PARTICLE = '(?:van|von|de|der|den|da|do|dos|das|di|del|della|du|le|la|bin|ibn|al-|el-)';
const NAME = `(?:${NAME_WORD})(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?(?:${NAME_WORD})){0,2}`;
const TITLE = `(?:${phrasesPattern(TITLES)})\\.?`;

/** A candidate is no name when its first word is a common word that follows greetings ("Hi Team", "Thanks Again"). */
const latinName = (m: RegExpExecArray, emit: Emit) => {
  const name = m.groups!.n!;
  if (name.length >= 2 && !NOT_NAMES.has(name.split(/[ \t]+/)[0]!.toLowerCase())) emitGroup(m, 'n', emit);
};

const latin = [
  // A greeting, an optional title, then a name followed by punctuation, the line's end or a lower-case word.
  cuePattern(GREETINGS, `[ \\t]+(?:${TITLE}[ \\t]+)?(?<n>${NAME})(?=[ \\t]*(?:[,!.:;?\\n]|$)|[ \\t]+\\p{Ll})`, latinName),
  // "Hi, John," — after a comma the next capitalised word usually starts a sentence, so the name must be followed by "," or "!".
  cuePattern(GREETINGS, `,[ \\t]*(?<n>${NAME})(?=[ \\t]*[,!])`, latinName),
  // "hi john," in chats written in lower case.
  cuePattern(GREETINGS, `[ \\t]+(?<n>\\p{Ll}[\\p{Ll}'’-]+)(?=[ \\t]*[,!])`, latinName),
  // "Mr. Smith", "Frau Schmidt" anywhere: the title must be capitalised as titles are.
  cuePattern(TITLES, `(?<=\\p{Lu}\\p{L}*)\\.?[ \\t]+(?<n>${NAME})`, latinName),
  // A sign-off, then a name that ends its line: "Thanks,\nJohn Smith", "Cheers, Tom".
  cuePattern(SIGN_OFFS, `[ \\t]*[,!.]?[ \\t]*(?:\\r?\\n[ \\t]*)?(?<n>${NAME})(?=[ \\t]*[,.!]?[ \\t]*(?:\\r?\\n|$))`, latinName),
  cuePattern(INTRODUCTIONS, `[ \\t]*(?<n>${NAME})`, latinName),
];

// Arabic and Persian: no capitals, so only the words right after a title, or after a greeting or sign-off up to punctuation or the line's end.
/** Arabic-script letters and marks, not its punctuation (، ؛ ؟ ۔). */
const ARABIC_WORD = '[\\u0621-\\u065F\\u066E-\\u06D3\\u06D5-\\u06FF\\u0750-\\u077F\\uFB50-\\uFDFF\\uFE70-\\uFEFF]+';
const ARABIC_TITLES = ['السيد', 'السيدة', 'الأستاذ', 'الاستاذ', 'الأستاذة', 'الدكتور', 'الدكتورة', 'آقای', 'اقای', 'خانم', 'جناب', 'دکتر'];
const ARABIC_NOT_NAMES = new Set('بك بكم بكِ وسهلا وسهلاً عليكم جميعا جميعاً الجميع فريق الدعم يا وقت بخیر روز صبح عصر شب دوستان همگی عزیز ممنون خسته نباشید من لطفا ببخشید مجدد دوباره شما وقتتون و'.split(' '));
const arabicName = (m: RegExpExecArray, emit: Emit) => {
  if (!ARABIC_NOT_NAMES.has(m.groups!.n!.split(/[ \t]+/)[0]!)) emitGroup(m, 'n', emit);
};

const arabic = [
  cuePattern(ARABIC_TITLES, `[ \\t]+(?<n>${ARABIC_WORD}(?:[ \\t]+${ARABIC_WORD})?)(?=[ \\t]*(?:[،,.!؟?\\n:]|$))`, arabicName),
  cuePattern(ARABIC_TITLES, `[ \\t]+(?<n>${ARABIC_WORD})`, arabicName),
  cuePattern(['مرحبا', 'مرحباً', 'أهلا', 'اهلا', 'أهلاً', 'عزيزي', 'عزيزتي', 'سلام', 'درود', 'عزیز', 'عزیزم'], `[ \\t]+(?<n>${ARABIC_WORD}(?:[ \\t]+${ARABIC_WORD})?)(?=[ \\t]*(?:[،,!.\\n]|$))`, arabicName),
  cuePattern(
    ['مع التحية', 'مع تحياتي', 'تحياتي', 'شكرا', 'شكراً', 'مع خالص التحيات', 'مع الشكر', 'با تشکر', 'باتشکر', 'ممنون', 'سپاس', 'سپاسگزارم', 'با احترام', 'ارادتمند'],
    `[ \\t]*[،,]?[ \\t]*\\r?\\n[ \\t]*(?<n>${ARABIC_WORD}(?:[ \\t]+${ARABIC_WORD}){0,2})(?=[ \\t]*(?:\\r?\\n|$))`,
    arabicName,
  ),
  cuePattern(['اسمي', 'انا اسمي', 'أنا اسمي', 'اسم من', 'نام من'], `[ \\t]+(?<n>${ARABIC_WORD}(?:[ \\t]+(?!است|هست)${ARABIC_WORD})?)`, arabicName),
];
// Chinese: a surname before a title (王先生, 李女士), or the name after 我叫 / 我的名字是 / 亲爱的 / 尊敬的.
const CHINESE = [
  /(?<n>[\p{Script=Han}]{1,2})(?=先生|女士|小姐|老师|经理|太太)/gdu,
  /(?:我叫|我的名字是|本人姓名)(?<n>[\p{Script=Han}]{2,3})/gdu,
  /(?:亲爱的|尊敬的)(?<n>[\p{Script=Han}]{2,4})(?=[，,:：!！])/gdu,
];

const SIGNATURE = new RegExp(`\\n[ \\t]*[-–—~]{1,2}[ \\t]*(?<n>${NAME})[ \\t]*$`, 'dgu');
const latinNames = cueDetector('NAME', latin);
const arabicNames = cueDetector('NAME', arabic, (text) => /[\u0600-\u06FF]/.test(text));

export const names: Detector = {
  kind: 'NAME',
  find(text, emit) {
    latinNames.find(text, emit);
    arabicNames.find(text, emit);
    // A signature line at the very end: "\n- Jane", "\n— Tom Smith".
    SIGNATURE.lastIndex = 0;
    const signature = SIGNATURE.exec(text);
    if (signature) latinName(signature, emit);
    if (!/\p{Script=Han}/u.test(text)) return;
    for (const re of CHINESE) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) emitGroup(m, 'n', emit);
    }
  },
};
