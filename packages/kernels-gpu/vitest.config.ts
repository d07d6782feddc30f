import { llmProject } from '../../vitest.shared';

export default llmProject('kernels-gpu');
