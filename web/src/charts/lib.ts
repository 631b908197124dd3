// uPlot and its stylesheet: loaded on demand (see Chart.tsx), so pages
// without charts never fetch them.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export default uPlot;
