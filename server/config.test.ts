import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives a safe local default: loopback, SQLite under ./data, demo on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: undefined,
      demo: true,
      secureTransport: true,
    });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('reads PostgreSQL, port and flags', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      PORT: '3000',
      DEMO: '0',
      SECURE_TRANSPORT: 'false',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/app',
      port: 3000,
      demo: false,
      secureTransport: false,
    });
  });

  it('runs one server process unless WORKERS asks for more, and more only on PostgreSQL', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '4', DATABASE_URL: 'postgres://u:p@db:5432/app' }).workers).toBe(
      4,
    );
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(
      /WORKERS: several server processes need PostgreSQL/,
    );
    expect(() => loadConfig({ WORKERS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKERS: 'two' })).toThrow(/WORKERS must be a whole number/);
  });

  it('reads the pupil flow settings, with documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      powBits: 16,
      rateLimits: {
        maxExtraBits: 4,
        reportsPerBit: 20,
        receiptsPerBit: 100,
        messagesPerReceipt: 60,
      },
    });
    const c = loadConfig({ POW_BITS: '0', RATE_READS_PER_RECEIPT: '5', POW_MAX_EXTRA_BITS: '6' });
    expect(c.powBits).toBe(0);
    expect(c.rateLimits.threadReadsPerReceipt).toBe(5);
    expect(c.rateLimits.maxExtraBits).toBe(6);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ LOG_LEVEL: 'debug' }, 'LOG_LEVEL'],
    [{ POW_BITS: '25' }, 'POW_BITS'],
    [{ POW_BITS: '-1' }, 'POW_BITS'],
    [{ POW_MAX_EXTRA_BITS: '9' }, 'POW_MAX_EXTRA_BITS'],
    [{ POW_REPORTS_PER_BIT: '0' }, 'POW_REPORTS_PER_BIT'],
  ])('refuses %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}: .*${name}|${name}: `));
  });
});
