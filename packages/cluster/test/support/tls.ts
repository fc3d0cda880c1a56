import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/**
 * A self-signed certificate for 127.0.0.1, ::1 and localhost: made fresh with the openssl binary
 * when it is installed, else the checked-in test-only pair (test/fixtures/README.md).
 */
export function testCertificate(): { cert: string; key: string; source: 'openssl' | 'fixture' } {
  const dir = mkdtempSync(join(tmpdir(), 'slicescope-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=slicescope-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    return {
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      source: 'openssl',
    };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    return {
      cert: readFileSync(new URL('tls-cert.pem', FIXTURES), 'utf8'),
      key: readFileSync(new URL('tls-key.pem', FIXTURES), 'utf8'),
      source: 'fixture',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
