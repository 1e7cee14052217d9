// The gate's strings in both languages, registered when the gate page's chunk loads.

import { addStrings } from './index.js';
import { enGate } from './en.gate.js';
import { zhCNGate } from './zh-CN.gate.js';

addStrings('zh-CN', zhCNGate);
addStrings('en', enGate);
