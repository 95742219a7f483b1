import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it.each([
    [undefined, undefined],
    ['Bearer x.y.z', 'x.y.z'],
    ['bearer   x.y.z ', 'x.y.z'],
    ['Basic x.y.z', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
  ])('reads %j as the token %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
