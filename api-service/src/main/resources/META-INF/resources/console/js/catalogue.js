// The pipeline ops and presets the console offers (ops.json), loaded once.

let loaded;

export function catalogue() {
  loaded ??= fetch('ops.json').then((response) => {
    if (!response.ok) throw new Error(`ops.json: HTTP ${response.status}`);
    return response.json();
  });
  return loaded;
}
