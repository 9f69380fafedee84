import { planAmqpAccess, usernameOf, vhostOfAmqpUrl } from './amqp-access.plan';

describe(planAmqpAccess.name, () => {
  it('gives each of the six platforms its own user, submission route and queue, and nothing to declare', () => {
    const sut = planAmqpAccess({ namespace: '', vhost: '/' });

    expect(sut.map((user) => user.username)).toEqual([
      'pcms-np-bf',
      'pcms-np-td',
      'pcms-np-ml',
      'pcms-np-mr',
      'pcms-np-ne',
      'pcms-rp',
    ]);
    expect(sut.find((user) => user.platform === 'NP-ML')).toEqual({
      platform: 'NP-ML',
      username: 'pcms-np-ml',
      vhost: '/',
      permissions: { configure: '^$', write: '^pcms\\.submissions$', read: '^platform\\.NP-ML$' },
      topicPermissions: { exchange: 'pcms.submissions', write: '^submit\\.NP-ML$', read: '^$' },
    });
  });

  it('prefixes user names and escapes the namespace in every pattern', () => {
    const [sut] = planAmqpAccess({ namespace: 't-a.b.', vhost: 'pcms' });

    expect(sut.username).toBe('t-a.b.pcms-np-bf');
    expect(sut.permissions.read).toBe('^t-a\\.b\\.platform\\.NP-BF$');
    expect(new RegExp(sut.permissions.write).test('t-a.b.pcms.submissions')).toBe(true);
    expect(new RegExp(sut.permissions.write).test('t-aXbXpcms.submissions')).toBe(false);
  });

  // `submit.RP.https` is the HTTPS door's key: the journal records door=https on its word.
  it('matches only the platform’s own routing key, never the HTTPS door’s', () => {
    const sut = planAmqpAccess({ namespace: '', vhost: '/' }).find((user) => user.platform === 'RP');
    const pattern = new RegExp(sut?.topicPermissions.write ?? '');

    expect(
      ['submit.RP', 'submit.NP-ML', 'submit.RPX', 'submit.*', 'xsubmit.RP', 'submit.RP.https'].filter((key) =>
        pattern.test(key),
      ),
    ).toEqual(['submit.RP']);
  });
});

describe(vhostOfAmqpUrl.name, () => {
  it.each([
    ['amqp://guest:guest@127.0.0.1:5672', '/'],
    ['amqp://guest:guest@127.0.0.1:5672/', '/'],
    ['amqps://u:p@broker:5671/pcms', 'pcms'],
    ['amqp://h/%2Fprod', '/prod'],
  ])('reads %s as vhost %s', (url, vhost) => {
    expect(vhostOfAmqpUrl(url)).toBe(vhost);
  });
});

describe(usernameOf.name, () => {
  it('lower-cases the platform id', () => {
    expect(usernameOf('', 'NP-NE')).toBe('pcms-np-ne');
  });
});
