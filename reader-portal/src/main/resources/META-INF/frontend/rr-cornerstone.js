// Cornerstone3D, imported statically here and loaded by rr-viewer.js on demand: one module graph that the bundler
// evaluates in order, apart from the page's own bundle.
import * as core from '@cornerstonejs/core';
import * as loader from '@cornerstonejs/dicom-image-loader';
import {
  init as initTools, addTool, state, ToolGroupManager, Enums as ToolEnums, utilities as toolUtilities,
  WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, EllipticalROITool,
} from '@cornerstonejs/tools';

export const tools = {
  init: initTools, addTool, state, ToolGroupManager, Enums: ToolEnums, utilities: toolUtilities,
  WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, EllipticalROITool,
};
export { core, loader };
