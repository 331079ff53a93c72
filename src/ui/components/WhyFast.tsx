/** A short note a learner can open: what makes Carry's training fast, and what stays the same. */
export function WhyFast() {
  return (
    <details className="panel why-fast">
      <summary>Why is this fast?</summary>
      <p>
        The model is the one you configured: an {`LSTM`} encoder, a repeated vector, an LSTM decoder and a softmax per answer
        position. What changes is <em>how</em> it is trained. A network this small does little arithmetic per example (about 1.6
        million multiply-adds for the tutorial model), so the time goes into the overhead of launching thousands of tiny
        operations, not into the maths. Carry removes overhead:
      </p>
      <ul>
        <li><strong>Fused layers.</strong> All input projections of a sequence are one matrix product; each time step does one
          recurrent product for all four gates; the decoder&apos;s repeated input is projected once. About half the operations of
          the textbook layers, with exactly the same results (a test checks outputs and gradients against <code>tf.layers</code>).</li>
        <li><strong>A faster matrix product.</strong> The wasm backend multiplies a transposed matrix about ten times slower than a
          plain one, and every backward pass needs transposes. Carry transposes explicitly first, then multiplies.</li>
        <li><strong>One optimiser step for all the weights.</strong> Adam updates every weight of the model as one long
          vector: about a dozen operations a step, and a few to join and split the weights, instead of seventeen for each
          weight matrix, with exactly the same result (a test compares it bit for bit with tfjs&apos;s own Adam on the cpu and
          wasm backends). The average of the weights that scoring uses (below) is kept as one vector too.</li>
        <li><strong>Bigger steps.</strong> Batches of 64 with Adam at 0.03 instead of 10 at 0.001, and the learning rate cut ×0.3
          once exact-match passes 90 % (<em>anneal</em>), so the last few per cent settle instead of wobbling.</li>
        <li><strong>Practice on the hard cases.</strong> Training sums are drawn <em>carry-balanced</em> at first: as many with
          no carry, one carry and two carries, where uniform draws favour the easy ones; the units digit counts five times in
          the loss until exact-match reaches 20 %; from then on sums are <em>answer-balanced</em>, so the rare largest answers
          (170–199) come up as often as the rest. Held-out sums are scored with an average of the last few dozen steps&apos;
          weights. The held-out sums stay as the problem asks them. The default problem needs under half the examples
          of uniform sums with the same steps (median of three seeds; see the README’s “Training recipe”). The preset
          <em>Tutorial problem, fast</em>, with only about a hundred different sums, keeps them as asked, averages over
          the last ten or so steps and cuts the rate at 95 %: 8 000 examples to 99 % instead of 11 000.</li>
        <li><strong>Cheaper scoring.</strong> While exact-match is far from the goal, each epoch is scored on 200 held-out sums;
          from 90 % on, on all 1 000 (the epoch log says which).</li>
        <li><strong>No waiting on the backend.</strong> Losses are read back a few times a second, not after every batch; sums are
          generated straight into typed arrays; the held-out answers are decoded on the backend and only the symbols come back.</li>
        <li><strong>Off the page.</strong> Training runs in a Web Worker, so charts and buttons stay responsive; with cross-origin
          isolation the wasm backend can use several threads.</li>
      </ul>
      <p>Pick the preset <em>Tutorial (Act 2)</em> to train the textbook way (batch 10, Adam 0.001) and compare the examples/s.</p>
    </details>
  );
}
