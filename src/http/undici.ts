// The parts of undici spock uses, in one module that transport.ts imports at the first request.
export {Agent, Pool, ProxyAgent} from 'undici'
