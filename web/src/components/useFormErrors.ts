import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldProblemText, problemText } from '../i18n/errorText.js';
import { mapProblemsToFields, problemsOf } from './formErrors.js';

/**
 * Shows an API error on a form: every field problem under its field (all at once), translated by problem
 * code, and anything else as one message for an alert above the form. `formFields` may name fields in a
 * list as `contacts.*.mobile`.
 */
export function useFormErrors(form: FormInstance, formFields: readonly string[]) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);

  const show = useCallback(
    (error: unknown) => {
      const problems = problemsOf(error);
      const { fields, others } = mapProblemsToFields(problems, formFields, (p) => problemText(t, p));
      form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
      if (problems.length === 0) setAlert(errorText(t, error));
      else setAlert(others.length > 0 ? others.map((p) => fieldProblemText(t, p)).join('; ') : null);
    },
    [form, formFields, t],
  );

  const clear = useCallback(() => setAlert(null), []);

  /**
   * For Form's onValuesChange: an edited field drops the server's complaint about it, and the alert goes. A
   * field in a list (a contact's mobile) is re-checked by its own rules when it changes.
   */
  const onValuesChange = useCallback(
    (changed: object) => {
      setAlert(null);
      form.setFields(
        Object.keys(changed)
          .filter((name) => formFields.includes(name))
          .map((name) => ({ name, errors: [] })),
      );
    },
    [form, formFields],
  );
  return { alert, show, clear, onValuesChange };
}

export type FormErrors = ReturnType<typeof useFormErrors>;
