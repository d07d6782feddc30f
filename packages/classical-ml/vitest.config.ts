import { llmProject } from '../../vitest.shared';

export default llmProject('classical-ml');
