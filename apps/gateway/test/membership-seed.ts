import type { ServiceName } from '@jiaolian/contracts';
import { schoolCode, type Api } from './http.js';

/**
 * Membership data for the API tests of the other services, seeded through the membership API as a
 * third party would, and a wait until a service's own directory has heard of it (events are async).
 * `api` and `rootToken` are read when called: the tests assign them in beforeAll.
 */
export function membershipSeeder(api: () => Api, rootToken: () => string, password: string) {
  const login = async (username: string, pass = password): Promise<string> => {
    const answer = await api()('POST', '/api/v1/auth/login', { body: { username, password: pass } });
    expect(answer.status).toBe(200);
    return answer.body.accessToken as string;
  };

  /** A user of the district with one role, signed in. */
  const personWithId = async (districtId: string, username: string, role: Record<string, string>): Promise<{ id: string; token: string }> => {
    const created = await api()('POST', '/api/v1/users', { token: rootToken(), body: { districtId, username, displayName: username, password } });
    expect(created.status).toBe(201);
    expect((await api()('POST', `/api/v1/users/${created.body.id}/roles`, { token: rootToken(), body: role })).status).toBe(201);
    return { id: created.body.id as string, token: await login(username) };
  };

  const person = async (districtId: string, username: string, role: Record<string, string>): Promise<string> =>
    (await personWithId(districtId, username, role)).token;

  const school = async (districtId: string, name: string): Promise<string> => {
    const answer = await api()('POST', '/api/v1/schools', {
      token: rootToken(), body: { districtId, code: schoolCode(), name, stage: 'primary', locale: 'township', township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 18 },
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };

  /** An active alliance of kind `alliance` with the core school and the members (invited and accepted). */
  const alliance = async (districtId: string, name: string, core: string, members: string[]): Promise<string> => {
    const created = await api()('POST', '/api/v1/alliances', { token: rootToken(), body: { districtId, name, kind: 'alliance', coreSchoolId: core } });
    expect(created.status).toBe(201);
    for (const schoolId of members) {
      const invited = await api()('POST', `/api/v1/alliances/${created.body.id}/invitations`, { token: rootToken(), body: { schoolId } });
      expect((await api()('POST', `/api/v1/join-requests/${invited.body.id}/respond`, { token: rootToken(), body: { decision: 'accept' } })).status).toBe(200);
    }
    expect((await api()('POST', `/api/v1/alliances/${created.body.id}/activate`, { token: rootToken() })).status).toBe(200);
    return created.body.id as string;
  };

  /** Waits until the service's directory shows the alliance active with all its schools. */
  const directorySees = async (service: Exclude<ServiceName, 'membership'>, token: string, allianceId: string, schools: number): Promise<void> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await api()('GET', `/api/v1/${service}/directory`, { token });
      const found = answer.body?.alliances?.find((a: { allianceId: string }) => a.allianceId === allianceId);
      if (found?.status === 'active' && found.schoolIds.length === schools) return;
      if (Date.now() > deadline) throw new Error(`the ${service} directory never saw ${allianceId}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  return { login, person, personWithId, school, alliance, directorySees };
}
