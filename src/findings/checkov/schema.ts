/**
 * Checkov JSON (`checkov -o json`), validated permissively: one report object per check type, or a list of
 * them when several frameworks ran. Shape from checkov `common/output/report.py` (`Report.get_dict`) and
 * `common/output/record.py`.
 */
import { z } from 'zod';

export const CheckovRecord = z.looseObject({
  check_id: z.string(),
  check_name: z.string().nullish(),
  file_path: z.string().nullish(),
  repo_file_path: z.string().nullish(),
  file_line_range: z.array(z.number()).nullish(),
  resource: z.string().nullish(),
  severity: z.string().nullish(),
  check_result: z
    .looseObject({ result: z.string().optional(), evaluated_keys: z.array(z.string()).nullish() })
    .nullish(),
});

export const CheckovReport = z.looseObject({
  check_type: z.string().optional(),
  results: z.looseObject({ failed_checks: z.array(z.unknown()).nullish() }),
});

export type CheckovRecord = z.infer<typeof CheckovRecord>;
