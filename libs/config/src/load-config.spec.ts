import { describe, expect, it } from 'vitest';
import { int, num, str } from './env-spec';
import { ConfigError, loadConfig } from './load-config';
import { loadPlatformConfig, loadServiceConfig } from './platform.config';

describe('loadConfig', () => {
  it('applies defaults and parses values', () => {
    const config = loadConfig({ port: int('PORT', 'p', 80), name: str('NAME', 'n', 'x') }, { PORT: '8080' });
    expect(config).toEqual({ port: 8080, name: 'x' });
  });

  it('parses decimals with num and integers only with int', () => {
    expect(loadConfig({ a: num('A', 'a', 0.5, { max: 1 }) }, { A: '0.75' })).toEqual({ a: 0.75 });
    expect(() => loadConfig({ a: num('A', 'a', 0.5, { max: 1 }) }, { A: '1.5' })).toThrow('A must be <= 1, got 1.5');
    expect(() => loadConfig({ a: int('A', 'a', 1) }, { A: '1.5' })).toThrow('A must be an integer, got "1.5"');
  });

  it('lists every bad variable at once', () => {
    const spec = { a: int('A', 'a', 1, { min: 0 }), b: int('B', 'b', 1), c: str('C', 'c') };
    const error = (() => {
      try {
        loadConfig(spec, { A: '-1', B: 'ten' });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual(['A must be >= 0, got -1', 'B must be an integer, got "ten"', 'C is required']);
  });
});

describe('loadPlatformConfig', () => {
  it('defaults to the local stack', () => {
    const config = loadPlatformConfig({});
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:19092']);
    expect(config.topicPrefix).toBe('');
    expect(config.clickhousePassword).toBe('');
  });

  it('requires SASL credentials only when SASL is on', () => {
    expect(() => loadPlatformConfig({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_USERNAME is required[\s\S]*KAFKA_SASL_PASSWORD is required/);
    expect(loadPlatformConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).kafkaSaslUsername).toBe('u');
  });
});

describe('loadServiceConfig', () => {
  it('reports the platform and the service variables in one error', () => {
    expect(() => loadServiceConfig({ batch: int('BATCH', 'b', 10, { min: 1 }) }, { METRICS_PORT: 'x', BATCH: '0' })).toThrow(
      /METRICS_PORT must be an integer, got "x"[\s\S]*BATCH must be >= 1, got 0/,
    );
  });

  it('returns the service values beside the platform ones', () => {
    expect(loadServiceConfig({ batch: int('BATCH', 'b', 10) }, {})).toMatchObject({ batch: 10, platform: { clickhouseDatabase: 'pulse' } });
  });
});
