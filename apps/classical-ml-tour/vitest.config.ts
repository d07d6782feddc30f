import { llmProject } from '../../vitest.shared';

export default llmProject('app-classical-ml-tour');
