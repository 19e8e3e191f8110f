import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { AccessTokens } from '../../../src/common/access-token';
import { loadConfig } from '../../../src/common/config';
import { KeyVault, masterKeyIdOf } from '../../../src/pki/key-vault';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pkcs8 = (key = privateKey) => key.export({ type: 'pkcs8', format: 'der' });

describe('a key vault with previous master keys', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('opens keys wrapped under a previous master key and rewraps them under the current one', () => {
    const sealed = new KeyVault(oldKey).seal(privateKey, 'row-1');
    const vault = new KeyVault(newKey, [oldKey]);

    const rewrapped = vault.rewrap(sealed, 'row-1');
    expect(pkcs8(vault.open(sealed, 'row-1'))).toEqual(pkcs8());
    expect(rewrapped.masterKeyId).toBe(masterKeyIdOf(newKey));
    expect(rewrapped.encryptedKey).toBe(sealed.encryptedKey);
    expect(pkcs8(new KeyVault(newKey).open(rewrapped, 'row-1'))).toEqual(pkcs8());
  });

  it('refuses a key wrapped under a master key it was not given, naming ids only', () => {
    const sealed = new KeyVault(oldKey).seal(privateKey, 'row-2');

    expect(() => new KeyVault(newKey).open(sealed, 'row-2')).toThrow(masterKeyIdOf(oldKey));
    expect(() => new KeyVault(newKey).open(sealed, 'row-2')).not.toThrow(oldKey.toString('hex'));
  });

  it('accepts access tokens signed under a previous master key, issues under the current', async () => {
    const before = (await new AccessTokens([oldKey], 60).issue({ userId: 'u1' })).token;
    const during = new AccessTokens([newKey, oldKey], 60);
    const issued = (await during.issue({ userId: 'u2' })).token;

    expect(await during.verify(before)).toEqual({ userId: 'u1' });
    expect(await new AccessTokens([newKey], 60).verify(issued)).toEqual({ userId: 'u2' });
    expect(await new AccessTokens([newKey], 60).verify(before)).toBeUndefined();
  });

  it('reads MASTER_KEY_PREVIOUS as a comma-separated list, naming a bad entry', () => {
    const env = { MASTER_KEY: newKey.toString('hex') };
    const previous = `${oldKey.toString('hex')}, ${randomBytes(32).toString('base64')}`;

    expect(loadConfig({ ...env, MASTER_KEY_PREVIOUS: previous }).previousMasterKeys).toHaveLength(
      2,
    );
    expect(() => loadConfig({ ...env, MASTER_KEY_PREVIOUS: `${previous},abc` })).toThrow(
      'MASTER_KEY_PREVIOUS[2]: expected 32 bytes',
    );
  });
});
