import { describe, expect, it } from 'vitest';
import { NODE_ADDRESS, tunnelPort } from '../src/index.js';

describe('egress proxy', () => {
  it('tunnels only to the hollow nodes’ address, and to a valid port', () => {
    expect(tunnelPort(`CONNECT ${NODE_ADDRESS}:10250 HTTP/1.1`)).toBe(10250);
    expect(tunnelPort('CONNECT 10.0.0.1:10250 HTTP/1.1')).toBeUndefined();
    expect(tunnelPort('CONNECT example.com:443 HTTP/1.1')).toBeUndefined();
    expect(tunnelPort(`CONNECT ${NODE_ADDRESS}:0 HTTP/1.1`)).toBeUndefined();
    expect(tunnelPort(`CONNECT ${NODE_ADDRESS}:70000 HTTP/1.1`)).toBeUndefined();
    expect(tunnelPort(`GET http://${NODE_ADDRESS}:10250/ HTTP/1.1`)).toBeUndefined();
  });
});
