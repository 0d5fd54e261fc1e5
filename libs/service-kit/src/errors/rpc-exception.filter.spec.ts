import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { toErrorBody } from './rpc-exception.filter.js';

/** A server error as node-postgres raises it, with its SQLSTATE. */
function serverError(code: string, message: string): Error {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
}

describe(toErrorBody.name, () => {
  const unavailable = { kind: 'unavailable', title: 'Service unavailable', code: 'database.unavailable', detail: 'The service cannot reach its database; try again shortly' };

  it.each([
    ['a refused connection', systemError('ECONNREFUSED')],
    ['a refused connection to every address of the host', new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], 'connect failed')],
    ['a reset connection', systemError('ECONNRESET')],
    ['a server being stopped (57P01) under a query', new QueryFailedError('SELECT 1', [], serverError('57P01', 'terminating connection due to administrator command'))],
    ['a server still starting (57P03)', serverError('57P03', 'the database system is starting up')],
    ['a connection failure (08006)', serverError('08006', 'connection failure')],
    ['too many connections (53300)', serverError('53300', 'sorry, too many clients already')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('answers %s as unavailable (503), not internal', (_, error) => {
    expect(toErrorBody(error)).toEqual(unavailable);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], serverError('23505', 'duplicate key')), 'conflict'],
    ['a missing table', new QueryFailedError('SELECT', [], serverError('42P01', 'relation "x" does not exist')), 'internal'],
    ['a syntax error', serverError('42601', 'syntax error at or near "SELEC"'), 'internal'],
    ['a bug in the handler', new TypeError("Cannot read properties of undefined (reading 'id')"), 'internal'],
  ])('keeps %s what it was (%s)', (_, error, kind) => {
    expect(toErrorBody(error).kind).toBe(kind);
  });
});
