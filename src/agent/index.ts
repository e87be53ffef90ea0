export { checkAgent } from './check.js';
export { ConfigError, loadConfig } from './config/load.js';
export { SAMPLE_CONFIG } from './config/sample.js';
export { Output } from './output.js';
export { Agent } from './runner.js';
export { AGENT_VERSION } from './version.js';
