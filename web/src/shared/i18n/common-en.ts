import type { CommonCatalogue } from './common-id';

const commonEn: CommonCatalogue = {
  errorPrefix: 'Error:',
  errorSummary: 'There is a problem',
  optional: '(optional)',
  change: 'Change',
  continue: 'Continue',
  back: 'Back',
  remove: 'Remove',
  upload: {
    choose: 'Choose a file',
    hint: 'PDF, JPG or PNG, at most {{max}}.',
    uploading: 'Uploading {{name}}: {{percent}}%',
    checking: 'Checking {{name}}…',
    done: 'Uploaded',
    retrying: 'Connection dropped, trying again…',
    failed: '{{name}} could not be uploaded. Check your connection and choose the file again.',
    refused: '{{name}} is damaged or refused: {{reason}}. Choose another file.',
    badType: '{{name}} is not a PDF, JPG or PNG',
    tooBig: '{{name}} is larger than {{max}}',
    empty: '{{name}} is empty',
    tooMany: 'At most {{max}} files',
    progress: 'Upload progress of {{name}}',
    removeFile: 'Remove {{name}}',
    waitUploads: 'Wait until every file has finished uploading',
  },
};
export default commonEn;
