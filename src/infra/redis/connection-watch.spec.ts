import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { watchConnection } from './connection-watch';

describe('watchConnection', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('says once that the connection is lost, however often reconnecting fails, and once that it is back', () => {
    const client = watchConnection(new EventEmitter(), 'shared');
    client.emit('ready');
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();

    for (let attempt = 0; attempt < 5; attempt += 1) {
      client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6380'));
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ connection: 'shared' }),
      'Redis connection lost; reconnecting',
    );

    client.emit('ready');
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith({ connection: 'shared' }, 'Redis connection back');

    client.emit('error', new Error('read ECONNRESET'));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('keeps an error from being an unhandled "error" event of the client', () => {
    const client = watchConnection(new EventEmitter(), 'realtime-subscriber');
    expect(() => client.emit('error', new Error('boom'))).not.toThrow();
  });
});
