import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { routeAuthRule } from './route-auth.rule.js';

const sut = new RuleTester({ languageOptions: { parser: tseslint.parser } });

describe('jiaolian/route-auth', () => {
  sut.run('route-auth', routeAuthRule, {
    valid: [
      { code: `@Controller('a') class A { @Get() @Roles('teacher') list() {} }` },
      { code: `@Controller('a') class A { @Public() @Post('login') login() {} }` },
      { code: `@Roles('district_admin') @Controller('a') class A { @Get() list() {} @Delete(':id') remove() {} }` },
      { code: `@Controller('a') class A { helper() {} }` },
      { code: `class NotAController { @Get() list() {} }` },
    ],
    invalid: [
      { code: `@Controller('a') class A { @Get() list() {} }`, errors: [{ messageId: 'missing' }] },
      {
        code: `@Controller('a') class A { @Public() @Get() ok() {} @Patch(':id') update() {} @Delete(':id') remove() {} }`,
        errors: [{ messageId: 'missing', data: { name: 'update' } }, { messageId: 'missing', data: { name: 'remove' } }],
      },
    ],
  });
});
