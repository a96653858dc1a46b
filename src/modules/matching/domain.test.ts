import { describe, expect, it } from 'vitest';
import { isFreeMailDomain, normalizeEmail, registrableDomain, websiteDomain } from './domain.js';

describe('domains', () => {
  it('reduces hosts to the registrable domain, multi-part suffixes included', () => {
    expect(registrableDomain('www.bytedance.com')).toBe('bytedance.com');
    expect(registrableDomain('mail.sales.example.com.cn')).toBe('example.com.cn');
    expect(registrableDomain('example.net.cn')).toBe('example.net.cn');
    expect(registrableDomain('news.example.gov.cn')).toBe('example.gov.cn');
    expect(registrableDomain('shop.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('example.bj.cn')).toBe('example.bj.cn');
    expect(registrableDomain('192.168.1.1')).toBeNull();
    expect(registrableDomain('localhost')).toBeNull();
  });

  it('keeps the shop on hosting platforms', () => {
    expect(registrableDomain('shop123.taobao.com')).toBe('shop123.taobao.com');
    expect(registrableDomain('www.taobao.com')).toBe('taobao.com');
  });

  it('reads websites and e-mail addresses', () => {
    expect(websiteDomain('https://www.Example.com.cn/about?x=1')).toBe('example.com.cn');
    expect(websiteDomain('example.com:8080')).toBe('example.com');
    expect(websiteDomain('http://user:pw@www.example.org/')).toBe('example.org');
    expect(normalizeEmail('Sales@Mail.Example.COM.cn')).toEqual({
      address: 'sales@mail.example.com.cn',
      domain: 'example.com.cn',
    });
    expect(normalizeEmail('not-an-address')).toBeNull();
  });

  it('knows free-mail providers', () => {
    for (const d of [
      'qq.com',
      '163.com',
      '126.com',
      'sina.com',
      'sohu.com',
      'gmail.com',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      'foxmail.com',
      '139.com',
      'aliyun.com',
      'icloud.com',
      'yeah.net',
    ]) {
      expect(isFreeMailDomain(d)).toBe(true);
    }
    expect(isFreeMailDomain('bytedance.com')).toBe(false);
  });
});
