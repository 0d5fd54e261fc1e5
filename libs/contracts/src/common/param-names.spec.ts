import { ACTIVITIES_PARAM_NAMES } from '../activities/messages.js';
import { ASSESSMENT_PARAM_NAMES } from '../assessment/messages.js';
import { CURRICULUM_PARAM_NAMES } from '../curriculum/messages.js';
import { MEMBERSHIP_PARAM_NAMES } from '../membership/messages.js';
import { TEACHER_EXCHANGE_PARAM_NAMES } from '../teacher-exchange/messages.js';
import { renderMessage } from './messages.js';

describe('enumerated parameters', () => {
  it.each([
    ['membership.alliance.status-forbids', { allianceStatus: 'dissolved', allianceAction: 'update' }, 'A dissolved alliance cannot update', '已解散的联盟不能修改'],
    ['membership.alliance.founder-cannot-leave', { memberRole: 'core' }, 'The core school cannot leave its alliance; dissolve the alliance instead', '核心校不能退出联盟；如需结束合作，请解散联盟'],
    ['exchange.placement.cannot-cancel', { placementStatus: 'completed' }, 'A placement that is completed cannot be cancelled', '已结束的交流安排不能取消'],
    ['curriculum.booking.cannot-approve', { bookingStatus: 'rejected' }, 'A rejected booking cannot be approved', '已驳回的预约不能批准'],
    ['assessment.exam.not-draft', { examStatus: 'open' }, 'Only a draft exam can be changed; this one is open', '只有草稿状态的检测可以修改，该检测当前为“成绩录入中”'],
    ['curriculum.resource.file-type', { resourceType: 'lesson_plan', extensions: '.doc, .pdf' }, 'A lesson_plan accepts these file types: .doc, .pdf', '教案只接受以下文件类型：.doc, .pdf'],
  ])('%s keeps the code in English and names it in Chinese', (code, params, en, zh) => {
    expect(renderMessage(code, params, 'en')).toBe(en);
    expect(renderMessage(code, params, 'zh-CN')).toBe(zh);
  });

  it('leaves a value it has no name for as it is', () => {
    expect(renderMessage('exchange.timetable.closed', { placementStatus: 'archived' }, 'zh-CN')).toBe('archived的交流安排不能再修改课表');
  });

  it('names every value in Chinese, and no parameter twice across the domains', () => {
    const all = [MEMBERSHIP_PARAM_NAMES, TEACHER_EXCHANGE_PARAM_NAMES, CURRICULUM_PARAM_NAMES, ACTIVITIES_PARAM_NAMES, ASSESSMENT_PARAM_NAMES];
    const params = all.flatMap((names) => Object.keys(names));
    expect(new Set(params).size).toBe(params.length);
    for (const names of all) {
      for (const [param, values] of Object.entries(names)) {
        for (const [value, name] of Object.entries(values as Record<string, string>)) {
          expect({ param, value, latin: /[A-Za-z]/.test(name) }).toEqual({ param, value, latin: false });
        }
      }
    }
  });
});
