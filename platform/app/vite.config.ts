import { UserConfigFn } from 'vite';
import { overrideVaadinConfig } from './vite.generated';

// Cornerstone3D's image loader decodes in web workers (ES modules) and must not be pre-bundled.
const customConfig: UserConfigFn = () => ({
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
  worker: {
    format: 'es',
  },
});

export default overrideVaadinConfig(customConfig);
