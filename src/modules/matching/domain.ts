/** Mailbox providers: an address there says who the person is, never which company. */
const FREE_MAIL = new Set(
  `qq.com vip.qq.com foxmail.com 163.com 126.com yeah.net vip.163.com vip.126.com 188.com sina.com sina.cn
  vip.sina.com sohu.com tom.com 139.com 189.cn wo.cn aliyun.com 21cn.com 263.net gmail.com googlemail.com
  outlook.com hotmail.com live.com msn.com yahoo.com yahoo.com.cn yahoo.cn icloud.com me.com mac.com aol.com
  protonmail.com proton.me mail.com gmx.com gmx.de yandex.com yandex.ru zoho.com`.split(/\s+/),
);

/**
 * Second-level labels under which registrations happen (example.com.cn, example.co.uk): a short list
 * covering the suffixes Chinese customer lists contain, not the whole Public Suffix List.
 */
const MULTI_PART_SUFFIXES = new Set([
  ...['com', 'net', 'org', 'gov', 'edu', 'ac', 'mil'].map((s) => `${s}.cn`),
  // Chinese provincial domains: example.bj.cn, example.gd.cn
  ...'bj sh tj cq he sx nm ln jl hl js zj ah fj jx sd ha hb hn gd gx hi sc gz yn xz sn gs qh nx xj tw hk mo'
    .split(' ')
    .map((s) => `${s}.cn`),
  ...['com', 'net', 'org', 'edu', 'gov', 'idv'].map((s) => `${s}.hk`),
  ...['com', 'net', 'org', 'edu', 'gov', 'idv'].map((s) => `${s}.tw`),
  ...['com', 'net', 'org', 'edu', 'gov'].map((s) => `${s}.mo`),
  ...['co', 'org', 'ac', 'gov', 'ltd', 'plc', 'me'].map((s) => `${s}.uk`),
  ...['co', 'ne', 'or', 'ac', 'go'].map((s) => `${s}.jp`),
  ...['co', 'or', 'ac', 'go'].map((s) => `${s}.kr`),
  ...['com', 'net', 'org', 'edu', 'gov'].map((s) => `${s}.au`),
  ...['com', 'net', 'org', 'edu', 'gov'].map((s) => `${s}.sg`),
  ...['com', 'net', 'org', 'edu', 'gov'].map((s) => `${s}.my`),
  ...['co', 'org', 'ac'].map((s) => `${s}.nz`),
  ...['com', 'org', 'net', 'edu', 'gov'].map((s) => `${s}.br`),
  ...['co', 'org', 'ac'].map((s) => `${s}.za`),
  ...['co', 'net', 'org', 'firm', 'gen', 'ind'].map((s) => `${s}.in`),
]);

/**
 * Hosting platforms whose customers live on subdomains (shop123.taobao.com): the full host identifies the
 * company, the platform domain does not.
 */
const PLATFORMS = new Set([
  'taobao.com',
  'tmall.com',
  '1688.com',
  'jd.com',
  'weibo.com',
  'github.io',
  'wixsite.com',
  'blogspot.com',
  'wordpress.com',
  'shopify.com',
  'mysxl.cn',
  'wix.com',
]);

const HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** Registrable domain of a host ("www.mail.example.com.cn" → "example.com.cn"); null for IPs and junk. */
export function registrableDomain(host: string): string | null {
  const clean = host.normalize('NFKC').toLowerCase().trim().replace(/\.+$/, '');
  if (!HOST.test(clean) || /^[\d.]+$/.test(clean)) return null;
  const labels = clean.split('.').filter(Boolean);
  if (labels.length < 2) return null;
  const lastTwo = labels.slice(-2).join('.');
  const take = MULTI_PART_SUFFIXES.has(lastTwo) ? 3 : 2;
  if (labels.length < take) return null;
  const domain = labels.slice(-take).join('.');
  if (PLATFORMS.has(domain) && labels.length > take) {
    const sub = labels.slice(0, labels.length - take).filter((l) => l !== 'www');
    return sub.length ? `${sub.join('.')}.${domain}` : domain;
  }
  return domain;
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

/** A normalised e-mail address, or null when it has no usable domain. */
export function normalizeEmail(raw: string): { address: string; domain: string } | null {
  const text = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const host = text.slice(at + 1);
  const domain = registrableDomain(host);
  if (!domain) return null;
  const address = `${text.slice(0, at)}@${host}`;
  return { address, domain };
}

/** The registrable domain of a website ("https://www.Example.com.cn/about" → "example.com.cn"). */
export function websiteDomain(raw: string): string | null {
  let text = raw.normalize('NFKC').trim().toLowerCase();
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  text = text.replace(/^[^@/]*@/, ''); // user:pass@
  const host = text.split(/[/?#:\s]/)[0] ?? '';
  return registrableDomain(host);
}
