import { llmProject } from '../../vitest.shared';

export default llmProject('app-char-gpt');
