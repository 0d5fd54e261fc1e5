import { refusedRange } from '../webhooks/target-guard.js';
import { isPrivateAddress } from './outbound-target.js';
import { nonPublicRange } from './public-address.js';

describe(nonPublicRange.name, () => {
  it.each([
    '10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1', '192.0.2.1',
    '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '2002:a00:1::1', '2001:db8::1',
    'not-an-address', '',
  ])('refuses %j', (address) => {
    expect(nonPublicRange(address)).toBeDefined();
  });

  it.each(['8.8.8.8', '114.114.114.114', '223.5.5.5', '::ffff:223.5.5.5', '2400:3200::1', '240e:1::1'])('lets %s through', (address) => {
    expect(nonPublicRange(address)).toBeUndefined();
  });

  it('is the one rule of webhook targets and chat robot posts alike', () => {
    for (const address of ['10.0.0.1', '169.254.169.254', '2002:a00:1::1', '::ffff:192.168.0.1', '8.8.8.8', '2400:3200::1']) {
      const refused = nonPublicRange(address) !== undefined;
      expect(isPrivateAddress(address)).toBe(refused);
      expect(refusedRange(address, { allowPrivate: false }) !== undefined).toBe(refused);
      expect(refusedRange(address, { allowPrivate: true })).toBeUndefined();
    }
  });
});
