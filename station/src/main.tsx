import { render } from 'preact';

function App() {
  return <main><h1>Airlock station</h1></main>;
}

render(<App />, document.getElementById('app')!);
